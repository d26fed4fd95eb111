import { CircuitState, ConsecutiveBreaker, circuitBreaker, handleAll } from 'cockatiel';
import createClient, { type Client } from 'openapi-fetch';
import { headersMiddleware } from './headers-middleware.js';
import type { BreakerState, ResilientClientOptions, ResponseValidators } from './options.js';
import { resilientFetch } from './resilient-fetch.js';
import { validationMiddleware } from './validation-middleware.js';

export type ResilientClient<Paths extends object> = Client<Paths> & {
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
 * An openapi-fetch client with production defaults: per-attempt timeout, bounded retries of
 * idempotent methods (exponential backoff, full jitter, Retry-After), a circuit breaker, auth
 * headers, W3C traceparent and optional response validation. Generated clients call it with
 * their `paths` type and compiled validators.
 *
 * @example
 * import type { paths } from './schema.js';
 * import { validators } from './validators.js';
 * const orders = createResilientClient<paths>({ baseUrl: 'http://localhost:4101' }, validators);
 * const { data, error } = await orders.GET('/orders');
 */
export function createResilientClient<Paths extends object>(
  options: ResilientClientOptions & { baseUrl: string },
  validators: ResponseValidators,
): ResilientClient<Paths> {
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
  const client = createClient<Paths>({
    baseUrl: options.baseUrl,
    fetch: resilientFetch(options, breaker),
  });
  client.use(headersMiddleware(options), validationMiddleware(options, validators));
  const state = {
    get state(): BreakerState {
      return breaker === undefined ? 'closed' : stateName(breaker.state);
    },
  };
  return Object.assign(client, { breaker: state });
}
