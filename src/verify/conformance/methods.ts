import type { HttpMethod, HttpOperation } from '../../model/index.js';
import type { CheckFailure, ConformanceRequest, ConformanceResponse } from './types.js';

/**
 * The methods tried on each path that does not declare them. HEAD (implied by GET), OPTIONS
 * (CORS preflight) and TRACE/CONNECT (fetch refuses to send them) are left out.
 */
const PROBED: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** A request with a method its path does not declare, and the methods the path declares. */
export interface MethodProbe {
  pathTemplate: string;
  declared: HttpMethod[];
  request: ConformanceRequest;
}

/**
 * For each path of the contract, one request per method it does not declare, sent to a concrete
 * URL of that path (`requestFor` expands it, from an operation's example request). Paths with no
 * buildable request are skipped.
 *
 * @example
 * undeclaredMethodProbes(ops, (op) => requests.get(op.id)).map((p) => `${p.request.method} ${p.pathTemplate}`);
 * // ['POST /stock/{sku}', 'PUT /stock/{sku}', 'PATCH /stock/{sku}', 'DELETE /stock/{sku}']
 */
export function undeclaredMethodProbes(
  operations: readonly HttpOperation[],
  requestFor: (op: HttpOperation) => ConformanceRequest | undefined,
): MethodProbe[] {
  const byPath = new Map<string, HttpOperation[]>();
  for (const op of operations) byPath.set(op.path, [...(byPath.get(op.path) ?? []), op]);
  const probes: MethodProbe[] = [];
  for (const [pathTemplate, ops] of byPath) {
    const declared = ops.map((op) => op.method);
    const sample = ops.map(requestFor).find((r) => r !== undefined);
    if (!sample) continue;
    for (const method of PROBED) {
      if (declared.includes(method)) continue;
      probes.push({
        pathTemplate,
        declared,
        request: { method, path: sample.path, query: [], headers: {} },
      });
    }
  }
  return probes;
}

/**
 * `unsupported_method`: a method the path does not declare is answered 405 with an `Allow`
 * header that lists the methods it does declare (RFC 9110 §15.5.6).
 */
export function checkUnsupportedMethod(
  probe: MethodProbe,
  response: ConformanceResponse,
): CheckFailure | undefined {
  const { method } = probe.request;
  const declared = probe.declared.join(', ');
  if (response.status !== 405) {
    return {
      check: 'unsupported_method',
      message: `${method} is not declared for ${probe.pathTemplate} (declared: ${declared}), but was answered ${response.status}; expected 405 with Allow: ${declared}.`,
    };
  }
  const allow = response.headers.allow;
  if (allow === undefined) {
    return {
      check: 'unsupported_method',
      message: `The 405 for ${method} ${probe.pathTemplate} has no Allow header; expected Allow: ${declared}.`,
    };
  }
  const listed = allow.split(',').map((m) => m.trim().toUpperCase());
  const missing = probe.declared.filter((m) => !listed.includes(m));
  return missing.length > 0
    ? {
        check: 'unsupported_method',
        message: `The 405 for ${method} ${probe.pathTemplate} has Allow: ${allow}, which leaves out ${missing.join(', ')}.`,
      }
    : undefined;
}
