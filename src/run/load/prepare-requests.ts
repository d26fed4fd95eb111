import type { PreparedRequest } from '../../load/requests-iteration.js';
import type { RequestSpec } from '../../load/types.js';
import type { SchemaCompiler } from '../../matching/json-schema.js';
import type { Service } from '../../model/index.js';
import { checkResponse } from '../smoke/check-response.js';
import { smokeRequest } from '../smoke/smoke-request.js';

/** A request of a suite that could not be prepared, with the text to find it by. */
export interface RequestProblem {
  message: string;
  needle: string;
}

/**
 * Turns a scenario's `requests` into requests to send. `'GET /orders/{id}'` names an operation
 * of the suite's service contract: the request is built from the contract's examples (as the
 * smoke pass does) and its answer checked against the documented schema. Plain requests are
 * sent as written (an object body as JSON).
 *
 * @example
 * prepareRequests(['GET /stock/{sku}'], { service: inventory, compiler, headers: {} });
 * // { requests: [{ method: 'GET', path: '/stock/abc', name: 'GET /stock/{sku}', contract: [Function], ... }], problems: [] }
 */
export function prepareRequests(
  specs: readonly RequestSpec[],
  context: { service?: Service; compiler?: SchemaCompiler; headers: Record<string, string> },
): { requests: PreparedRequest[]; problems: RequestProblem[] } {
  const requests: PreparedRequest[] = [];
  const problems: RequestProblem[] = [];
  for (const spec of specs) {
    if (typeof spec === 'string') {
      const match = /^\s*([A-Za-z]+)\s+(\S+)\s*$/.exec(spec);
      const service = context.service;
      if (!match) {
        problems.push({ message: `request "${spec}" is not "METHOD /path"`, needle: spec });
        continue;
      }
      if (!service) {
        problems.push({
          message: `request "${spec}" names a contract operation, but the suite names no service (set service: 'NAME' of gauntlet.config.ts)`,
          needle: spec,
        });
        continue;
      }
      const method = match[1]!.toUpperCase();
      const path = match[2]!;
      const op = service.operations.find((o) => o.method === method && o.path === path);
      if (!op) {
        const known = service.operations.map((o) => `${o.method} ${o.path}`).join(', ');
        problems.push({
          message: `operation "${spec}" is not in the contract of ${service.name} (it has: ${known})`,
          needle: spec,
        });
        continue;
      }
      const built = smokeRequest(service, op, context.headers);
      const compiler = context.compiler;
      requests.push({
        method: built.method,
        path: built.path,
        headers: built.headers,
        ...(built.body === undefined ? {} : { body: built.body }),
        name: `${method} ${path}`,
        ...(compiler ? { contract: (res) => checkResponse(op, compiler, res) } : {}),
      });
      continue;
    }
    const headers: Record<string, string> = { ...context.headers, ...spec.headers };
    let body: string | undefined;
    if (typeof spec.body === 'string') body = spec.body;
    else if (spec.body !== undefined) {
      body = JSON.stringify(spec.body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['content-type'] = 'application/json';
      }
    }
    const method = (spec.method ?? 'GET').toUpperCase();
    requests.push({
      method,
      path: spec.path,
      headers,
      ...(body === undefined ? {} : { body }),
      name: spec.name ?? `${method} ${spec.path.split('?')[0]}`,
      ...(spec.status === undefined ? {} : { status: spec.status }),
      ...(spec.tags ? { tags: spec.tags } : {}),
    });
  }
  return { requests, problems };
}
