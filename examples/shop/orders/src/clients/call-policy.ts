/**
 * Orders' one call policy towards every dependency, as options of gauntlet/client-runtime: the
 * generated inventory and payments clients (examples/shop/clients/generated/*, from `gauntlet
 * generate client`) and the webhook deliveries (notify.ts) all take it. A per-attempt timeout,
 * bounded retries with backoff for idempotent methods only (on timeouts, network errors and
 * 5xx), and a circuit breaker per dependency that counts the same failures. What the runtime
 * throws, and a 5xx that is left after the retries, become the UpstreamError place-order maps to
 * a 503 problem.
 *
 * `fragile: true` (GAUNTLET_SHOP_FRAGILE=1) is the switch chaos experiments flip to show why the
 * policy is there: no timeout, no retry limit, no breaker. It changes these options and nothing
 * else.
 */
import {
  ClientCallError,
  type ResilientClientOptions,
  type ResilientFetchOptions,
} from 'gauntlet/client-runtime';
import { UpstreamError } from './upstream-error.js';

export type { BreakerOptions, BreakerState } from 'gauntlet/client-runtime';

/** What each dependency client takes: where the dependency is and how patient to be. */
export interface DependencyOptions {
  baseUrl: string;
  /** Per attempt; default 2000 ms. */
  timeoutMs?: number;
  /** Extra attempts for idempotent calls; default 2. */
  retries?: number;
  /** First backoff step, doubled per retry, with full jitter; default 50 ms. */
  backoffMs?: number;
  /** Default: 5 consecutive failures open the circuit for 5 s; false for none. */
  breaker?: ResilientFetchOptions['breaker'];
  /** No timeout, no retry limit, no breaker (GAUNTLET_SHOP_FRAGILE=1); default false. */
  fragile?: boolean;
  /** The fetch underneath (tests script a dependency with it). */
  fetch?: (request: Request) => Promise<Response>;
}

export const DEFAULT_TIMEOUT_MS = 2_000;

/** Idempotent methods orders may retry; a POST (reserve, charge, a webhook) is never repeated. */
const RETRIED_METHODS = ['GET', 'HEAD', 'PUT', 'DELETE'];
/** Every 5xx is a failure of the dependency, as the breaker counts them. */
const RETRIED_STATUSES = [500, 502, 503, 504];

/** The runtime options for one dependency: the whole of orders' call policy. */
export function callPolicy(options: Omit<DependencyOptions, 'baseUrl'>): ResilientFetchOptions {
  const fragile = options.fragile === true;
  const policy: ResilientFetchOptions = {
    timeoutMs: fragile ? false : (options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    retry: {
      attempts: fragile ? Number.POSITIVE_INFINITY : (options.retries ?? 2) + 1,
      baseDelayMs: options.backoffMs ?? 50,
      maxDelayMs: 1_000,
      // A dependency asking for a longer pause than this is not waited for: within the caller's
      // patience an order either goes through or fails with 503.
      maxRetryAfterMs: 1_000,
      statuses: RETRIED_STATUSES,
      methods: RETRIED_METHODS,
    },
    breaker: fragile ? false : (options.breaker ?? { failures: 5, halfOpenAfterMs: 5_000 }),
  };
  if (options.fetch !== undefined) policy.fetch = options.fetch;
  return policy;
}

/** The options of a generated client: the call policy and where the dependency is. */
export function clientOptions(options: DependencyOptions): ResilientClientOptions & {
  baseUrl: string;
} {
  return { ...callPolicy(options), baseUrl: options.baseUrl.replace(/\/$/, '') };
}

/**
 * The UpstreamError for a call that threw: the generated client's ClientCallError, or a timeout
 * or malformed JSON met while openapi-fetch read the body. Anything else is a bug and is thrown.
 */
export function upstreamError(
  dependency: string,
  operation: string,
  timeoutMs: number | false,
  error: unknown,
): UpstreamError {
  if (error instanceof ClientCallError) {
    switch (error.kind) {
      case 'timeout':
        return timedOut(dependency, operation, timeoutMs);
      case 'circuit-open':
        return new UpstreamError(
          dependency,
          'circuit-open',
          `${dependency} is failing; the circuit is open.`,
        );
      case 'invalid-response':
        return badResponse(dependency, operation, error.message);
      default:
        return new UpstreamError(
          dependency,
          'network',
          `${operation} to ${dependency} failed: ${innermostMessage(error.cause)}.`,
        );
    }
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return timedOut(dependency, operation, timeoutMs);
  }
  if (error instanceof SyntaxError) return badResponse(dependency, operation, error.message);
  throw error;
}

/** The UpstreamError for an answer orders cannot use (a 5xx after the retries, an odd status). */
export function unexpectedAnswer(dependency: string, operation: string, status: number) {
  if (status >= 500) {
    return new UpstreamError(
      dependency,
      'server-error',
      `${dependency} answered ${operation} with ${status}.`,
    );
  }
  return badResponse(dependency, operation, `status ${status}`);
}

function timedOut(dependency: string, operation: string, timeoutMs: number | false): UpstreamError {
  return new UpstreamError(
    dependency,
    'timeout',
    `${dependency} did not answer ${operation} within ${timeoutMs} ms.`,
  );
}

function badResponse(dependency: string, operation: string, why: string): UpstreamError {
  return new UpstreamError(
    dependency,
    'bad-response',
    `${dependency} gave an unusable answer to ${operation} (${why.replace(/\.$/, '')}).`,
  );
}

/** "connect ECONNREFUSED 127.0.0.1:9" rather than undici's bare "fetch failed". */
function innermostMessage(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  let cause = error instanceof Error ? error.cause : undefined;
  while (cause instanceof Error) {
    if (cause.message !== '') message = cause.message;
    cause = cause.cause;
  }
  return message;
}
