import { contentTypeOf, queryLists, type RecordedExchange, recordedBody } from './exchange.js';

type Json = Record<string, unknown>;

/** Request headers worth keeping in a pact: the ones that change what a provider answers. */
const PACT_REQUEST_HEADERS = new Set(['content-type', 'accept']);

function bodyJson(bytes: Uint8Array, headers: Record<string, string[]>): Json | undefined {
  const contentType = contentTypeOf(headers);
  const body = recordedBody(bytes, contentType);
  const type = contentType === undefined ? {} : { contentType };
  switch (body.kind) {
    case 'empty':
      return undefined;
    case 'json':
      return { content: body.value, ...type, encoded: false };
    case 'text':
      return { content: body.text, ...type, encoded: false };
    case 'binary':
      return {
        content: body.base64,
        contentType: contentType ?? 'application/octet-stream',
        encoded: 'base64',
      };
  }
}

function queryJson(query: string): Record<string, string[]> | undefined {
  return query === '' ? undefined : queryLists(query);
}

/**
 * Recorded exchanges as a Pact V4 file (JSON data): one synchronous HTTP interaction per
 * exchange, described as `METHOD path (n)` so repeated calls stay distinct. Request headers are
 * kept only when they steer the answer (Content-Type, Accept); response headers are kept,
 * already redacted.
 *
 * @example
 * toPactRecording(exchanges, { consumer: 'web', provider: 'orders', target: 'http://localhost:4101' });
 */
export function toPactRecording(
  exchanges: readonly RecordedExchange[],
  names: { consumer: string; provider: string; target: string },
): unknown {
  const interactions = exchanges.map(({ request, response }, i) => {
    const requestHeaders = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => PACT_REQUEST_HEADERS.has(name)),
    );
    const req: Json = { method: request.method, path: request.path };
    const query = queryJson(request.query);
    if (query !== undefined) req.query = query;
    if (Object.keys(requestHeaders).length > 0) req.headers = requestHeaders;
    const reqBody = bodyJson(request.body, request.headers);
    if (reqBody !== undefined) req.body = reqBody;
    const res: Json = { status: response.status };
    if (Object.keys(response.headers).length > 0) res.headers = response.headers;
    const resBody = bodyJson(response.body, response.headers);
    if (resBody !== undefined) res.body = resBody;
    return {
      type: 'Synchronous/HTTP',
      description: `${request.method} ${request.path}${request.query === '' ? '' : `?${request.query}`} (${i + 1})`,
      providerStates: [],
      pending: false,
      request: req,
      response: res,
    };
  });
  return {
    consumer: { name: names.consumer },
    provider: { name: names.provider },
    interactions,
    metadata: {
      pactSpecification: { version: '4.0' },
      gauntlet: { recordedFrom: names.target },
    },
  };
}
