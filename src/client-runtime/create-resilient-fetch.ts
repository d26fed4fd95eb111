import { CircuitState, ConsecutiveBreaker, circuitBreaker, handleAll } from 'cockatiel';
import type { BreakerState, ResilientClientOptions } from './options.js';
import { resilientFetch } from './resilient-fetch.js';

/** The call policy alone: what a generated client's calls go through, for any URL. */
export type ResilientFetchOptions = Pick<
  ResilientClientOptions,
  'timeoutMs' | 'retry' | 'breaker' | 'fetch' | 'sleep' | 'random'
>;

/** A fetch with the policy built in, and the state of its circuit breaker. */
export type ResilientFetch = ((request: Request) => Promise<Response>) & {
  /** The circuit breaker's state ('closed' when the breaker is disabled). */
  readonly breaker: { readonly state: BreakerState };
};

function stateName(state: CircuitState): BreakerState {
  switch (state) {
    case CircuitState.Open:
      return 'open';
    case CircuitState.HalfOpen:
      return 'half-open';
    case CircuitState.Isolated:
      return 'isolated';
    default:
      return 'closed';
  }
}

/**
 * The policy of a generated client (per-attempt timeout, bounded retries of idempotent methods
 * with backoff and Retry-After, a circuit breaker) as a plain fetch, for calls no contract
 * types: a webhook to a subscriber's URL, a gateway forwarding any path. A call that gets no
 * usable answer rejects with a ClientCallError ('timeout', 'network', 'circuit-open').
 *
 * @example
 * const send = createResilientFetch({ timeoutMs: 2000, retry: false });
 * const response = await send(new Request(url, { method: 'POST', body }));
 */
export function createResilientFetch(options: ResilientFetchOptions = {}): ResilientFetch {
  const breakerOptions = options.breaker === false ? undefined : (options.breaker ?? {});
  const breaker =
    breakerOptions === undefined
      ? undefined
      : circuitBreaker(
          handleAll.orWhenResult((result) => result instanceof Response && result.status >= 500),
          {
            halfOpenAfter: breakerOptions.halfOpenAfterMs ?? 10_000,
            breaker: new ConsecutiveBreaker(breakerOptions.failures ?? 5),
          },
        );
  const state = {
    get state(): BreakerState {
      return breaker === undefined ? 'closed' : stateName(breaker.state);
    },
  };
  return Object.assign(resilientFetch(options, breaker), { breaker: state });
}
