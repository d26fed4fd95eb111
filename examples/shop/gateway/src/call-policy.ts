/**
 * The gateway's one call policy, for the generated clients and for forwarding alike (both from
 * gauntlet/client-runtime): a per-attempt timeout, bounded retries of GET only (on timeouts,
 * network errors and 502/503/504, backoff with jitter), no circuit breaker. A call that got no
 * answer becomes a 504 (timeout) or 502 problem.
 */
import { ClientCallError, type ResilientFetchOptions } from 'gauntlet/client-runtime';
import { type Problem, problem } from '../../shared/http.js';

export function callPolicy(timeoutMs: number): ResilientFetchOptions {
  return {
    timeoutMs,
    retry: { attempts: 3, baseDelayMs: 50, statuses: [502, 503, 504], methods: ['GET'] },
    breaker: false,
  };
}

/** The problem for a call that produced no usable answer; undefined for anything else (a bug). */
export function unavailableProblem(error: unknown): Problem | undefined {
  if (error instanceof ClientCallError) {
    return error.kind === 'timeout'
      ? problem(504, 'upstream-timeout', 'Gateway timeout', error.message)
      : problem(502, 'bad-gateway', 'Bad gateway', error.message);
  }
  // The timeout also covers reading the body, after the client has returned the response.
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return problem(504, 'upstream-timeout', 'Gateway timeout', 'The service stopped mid-answer.');
  }
  return undefined;
}
