import type { IterationFunction, LoadResponse, Tags } from './types.js';

/** One request of a declarative iteration, ready to send. */
export interface PreparedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The `name` tag and the prefix of its checks. */
  name: string;
  /** Expected status; default any 2xx/3xx. */
  status?: number;
  /** Problems with a response against the contract (empty = fine), for hot paths from contracts. */
  contract?: (response: {
    status: number;
    contentType: string | undefined;
    body: string;
  }) => string[];
  tags?: Tags;
}

/**
 * An iteration that sends `requests` in order, each tagged with its name, and checks each
 * answer: the status (`name: status 201`, or `name: status 2xx/3xx`) and, for operations taken
 * from a contract, `name: matches the contract`.
 *
 * @example
 * const iteration = requestsIteration([{ method: 'GET', path: '/stock/abc', headers: {}, name: 'GET /stock/{sku}' }]);
 */
export function requestsIteration(requests: readonly PreparedRequest[]): IterationFunction {
  const checks = requests.map(checksFor);
  return async (ctx) => {
    for (let i = 0; i < requests.length; i++) {
      const r = requests[i]!;
      const response = await ctx.http.request(r.method, r.path, r.body, {
        headers: r.headers,
        tags: { name: r.name, ...r.tags },
      });
      ctx.check(response, checks[i]!);
    }
  };
}

/**
 * The checks of one prepared request: its status, and the contract for operations taken from
 * one. Shared by the built-in engine and the vegeta adapter, so both count the same checks.
 */
export function checksFor(
  r: PreparedRequest,
): Record<string, (res: Pick<LoadResponse, 'status' | 'headers' | 'body'>) => boolean> {
  const statusCheck =
    r.status === undefined ? `${r.name}: status 2xx/3xx` : `${r.name}: status ${r.status}`;
  const checks: Record<
    string,
    (res: Pick<LoadResponse, 'status' | 'headers' | 'body'>) => boolean
  > = {
    [statusCheck]: (res) =>
      r.status === undefined ? res.status >= 200 && res.status < 400 : res.status === r.status,
  };
  const contract = r.contract;
  if (contract) {
    checks[`${r.name}: matches the contract`] = (res) =>
      res.status !== 0 &&
      contract({ status: res.status, contentType: res.headers['content-type'], body: res.body })
        .length === 0;
  }
  return checks;
}
