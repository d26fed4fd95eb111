/**
 * One outbound webhook call (notify.ts) with the orders service's resilience policy: a
 * per-attempt timeout (AbortSignal.timeout), bounded retries with exponential backoff for
 * idempotent methods only, and a circuit breaker per subscriber. The body is read inside the
 * timeout, so a subscriber that stalls mid-body counts as a timeout too. Inventory and payments
 * have contracts and go through their generated clients instead (generated-options.ts).
 */
import { type CircuitBreaker, createCircuitBreaker } from './circuit-breaker.js';
import { UpstreamError } from './upstream-error.js';

export interface CallPolicy {
  /** Name used in errors ("inventory"). */
  dependency: string;
  timeoutMs: number;
  /** Extra attempts for idempotent methods (0 = no retry). */
  retries: number;
  /** First backoff; doubled on each further retry. */
  backoffMs: number;
  breaker: CircuitBreaker;
  fetch?: typeof fetch;
}

export interface UpstreamResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, the raw text when not JSON, or undefined when empty. */
  body: unknown;
}

/** What the notifier takes per subscriber: where it is and how patient to be. */
export interface ClientOptions {
  baseUrl: string;
  /** Per attempt; default 2000 ms. */
  timeoutMs?: number;
  /** Extra attempts for idempotent calls; default 2. */
  retries?: number;
  /** Default 50 ms. */
  backoffMs?: number;
  /** Default: a fresh breaker (5 failures open it for 5 s). */
  breaker?: CircuitBreaker;
  fetch?: typeof fetch;
}

export function policyFor(dependency: string, options: ClientOptions): CallPolicy {
  const policy: CallPolicy = {
    dependency,
    timeoutMs: options.timeoutMs ?? 2_000,
    retries: options.retries ?? 2,
    backoffMs: options.backoffMs ?? 50,
    breaker: options.breaker ?? createCircuitBreaker(),
  };
  if (options.fetch !== undefined) policy.fetch = options.fetch;
  return policy;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

export async function call(
  policy: CallPolicy,
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<UpstreamResponse> {
  const attempts = IDEMPOTENT.has(method) ? policy.retries + 1 : 1;
  let last: UpstreamError | undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await sleep(policy.backoffMs * 2 ** (attempt - 1));
    if (!policy.breaker.tryAcquire()) {
      throw new UpstreamError(
        policy.dependency,
        'circuit-open',
        `${policy.dependency} is failing; the circuit is open.`,
      );
    }
    try {
      const response = await once(policy, method, url, body, headers);
      if (response.status >= 500) {
        policy.breaker.failure();
        last = new UpstreamError(
          policy.dependency,
          'server-error',
          `${policy.dependency} answered ${method} ${url} with ${response.status}.`,
        );
        continue;
      }
      policy.breaker.success();
      return response;
    } catch (error) {
      policy.breaker.failure();
      last = toUpstreamError(policy, method, url, error);
    }
  }
  throw last ?? new UpstreamError(policy.dependency, 'network', 'No attempt was made.');
}

async function once(
  policy: CallPolicy,
  method: string,
  url: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<UpstreamResponse> {
  const doFetch = policy.fetch ?? fetch;
  const init: RequestInit = { method, signal: AbortSignal.timeout(policy.timeoutMs) };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { accept: 'application/json', 'content-type': 'application/json', ...headers };
  } else {
    init.headers = { accept: 'application/json', ...headers };
  }
  const response = await doFetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: parseBody(text) };
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function toUpstreamError(
  policy: CallPolicy,
  method: string,
  url: string,
  error: unknown,
): UpstreamError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new UpstreamError(
      policy.dependency,
      'timeout',
      `${policy.dependency} did not answer ${method} ${url} within ${policy.timeoutMs} ms.`,
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new UpstreamError(
    policy.dependency,
    'network',
    `${method} ${url} to ${policy.dependency} failed: ${reason}.`,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
