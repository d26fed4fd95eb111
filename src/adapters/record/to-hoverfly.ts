import { toHoverflySimulation } from '../../formats/hoverfly/export.js';
import type { HoverflyPair, HoverflySimulation } from '../../model/index.js';
import { contentTypeOf, queryLists, type RecordedExchange, recordedBody } from './exchange.js';

/**
 * Recorded exchanges as a Hoverfly v5.3 simulation (JSON data). Requests are matched on method,
 * path, query and body (exact; `json` for JSON bodies), not on the destination: the simulation is
 * meant to be served by `gauntlet mock` or Hoverfly's webserver mode, where the Host header is
 * the mock's own.
 *
 * @example
 * writeFile('orders.json', JSON.stringify(toHoverflyRecording(exchanges, new Date()), null, 2));
 */
export function toHoverflyRecording(
  exchanges: readonly RecordedExchange[],
  exportedAt: Date,
): unknown {
  const pairs: HoverflyPair[] = exchanges.map(({ request, response }) => {
    const matcher: HoverflyPair['request'] = {
      method: [{ matcher: 'exact', value: request.method }],
      path: [{ matcher: 'exact', value: decodePath(request.path) }],
    };
    if (request.query !== '') {
      matcher.query = Object.fromEntries(
        Object.entries(queryLists(request.query)).map(([name, values]) => [
          name,
          [{ matcher: 'exact', value: values.join(';') }],
        ]),
      );
    }
    const requestBody = recordedBody(request.body, contentTypeOf(request.headers));
    if (requestBody.kind === 'json') matcher.body = [{ matcher: 'json', value: requestBody.text }];
    else if (requestBody.kind === 'text')
      matcher.body = [{ matcher: 'exact', value: requestBody.text }];
    // Binary request bodies are not matched: Hoverfly compares bodies as text.

    const body = recordedBody(response.body, contentTypeOf(response.headers));
    const pair: HoverflyPair = {
      request: matcher,
      response: {
        status: response.status,
        body: body.kind === 'empty' ? '' : body.kind === 'binary' ? '' : body.text,
        headers: response.headers,
        templated: false,
      },
    };
    if (body.kind === 'binary') pair.response.bodyBytesBase64 = body.base64;
    return pair;
  });
  const simulation: HoverflySimulation = {
    pairs,
    globalActions: { delays: [], delaysLogNormal: [] },
    meta: { schemaVersion: 'v5.3', timeExported: exportedAt.toISOString() },
  };
  return toHoverflySimulation(simulation);
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
