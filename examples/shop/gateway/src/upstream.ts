/**
 * The gateway's outbound call: a per-attempt timeout (AbortSignal.timeout) and bounded retries
 * with exponential backoff for GET only, on a timeout, a network error or a 502/503/504.
 * Bodies are read inside the timeout.
 */

export interface UpstreamOptions {
  timeoutMs: number;
  /** Extra attempts for GET. */
  retries: number;
  backoffMs: number;
}

export interface UpstreamAnswer {
  status: number;
  headers: Headers;
  body: string;
}

/** Thrown when no answer arrived; `timeout` tells a 504 from a 502. */
export class UpstreamUnavailable extends Error {
  override readonly name = 'UpstreamUnavailable';
  constructor(
    message: string,
    readonly timeout: boolean,
  ) {
    super(message);
  }
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);

export async function fetchUpstream(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  options: UpstreamOptions,
): Promise<UpstreamAnswer> {
  const attempts = init.method === 'GET' ? options.retries + 1 : 1;
  let failure: UpstreamUnavailable | undefined;
  let answer: UpstreamAnswer | undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await sleep(options.backoffMs * 2 ** (attempt - 1));
    try {
      const request: RequestInit = {
        method: init.method,
        headers: init.headers,
        signal: AbortSignal.timeout(options.timeoutMs),
      };
      if (init.body !== undefined) request.body = init.body;
      const response = await fetch(url, request);
      answer = { status: response.status, headers: response.headers, body: await response.text() };
      failure = undefined;
      if (!RETRYABLE_STATUS.has(answer.status)) return answer;
    } catch (error) {
      const timeout = error instanceof Error && error.name === 'TimeoutError';
      const reason = error instanceof Error ? error.message : String(error);
      failure = new UpstreamUnavailable(
        timeout
          ? `${init.method} ${url} got no answer within ${options.timeoutMs} ms.`
          : `${init.method} ${url} failed: ${reason}.`,
        timeout,
      );
    }
  }
  if (failure !== undefined) throw failure;
  if (answer !== undefined) return answer;
  throw new UpstreamUnavailable(`${init.method} ${url} was not attempted.`, false);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
