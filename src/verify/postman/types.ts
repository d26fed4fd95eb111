/** What `gauntlet verify postman` found: one entry per request the collection sent. */
export interface PostmanRequestResult {
  /** The item's name, with its folders: `Orders / Place an order`. */
  name: string;
  method: string;
  url: string;
  /** The status the provider answered; absent when the request itself failed (refused, timeout). */
  status?: number;
  durationMs?: number;
  /** The collection's own `pm.test` results for this request. */
  assertions: Array<{ name: string; passed: boolean; message?: string }>;
  /** Why the request could not be sent or answered. */
  error?: string;
  passed: boolean;
}

export interface PostmanVerifyReport {
  collection: string;
  baseUrl: string;
  passed: boolean;
  requests: PostmanRequestResult[];
  /** Assertions run and failed over all requests. */
  assertions: { total: number; failed: number };
  durationMs: number;
}

/**
 * Checks (one per request) for the run/ci reports and JUnit: a request passes when it got an
 * answer and every test of the collection for it passed.
 *
 * @example
 * const checks = postmanChecks(report); // [{ name: 'GET /orders: Orders / Get one', status: 'passed', … }]
 */
export function postmanChecks(
  report: PostmanVerifyReport,
  prefix = '',
): Array<{ name: string; status: 'passed' | 'failed'; message: string; durationMs?: number }> {
  return report.requests.map((r) => {
    const failed = r.assertions.filter((a) => !a.passed);
    const message = r.error
      ? r.error
      : failed.length > 0
        ? failed.map((a) => `${a.name}: ${a.message ?? 'failed'}`).join('; ')
        : `${r.status} in ${r.durationMs ?? 0} ms, ${r.assertions.length} test(s) passed`;
    return {
      name: `${prefix}${r.method} ${r.name}`,
      status: r.passed ? 'passed' : 'failed',
      message,
      ...(r.durationMs !== undefined ? { durationMs: r.durationMs } : {}),
    };
  });
}
