import createClient, { type Client } from 'openapi-fetch';
import { createResilientFetch } from './create-resilient-fetch.js';
import { headersMiddleware } from './headers-middleware.js';
import type { BreakerState, ResilientClientOptions, ResponseValidators } from './options.js';
import { validationMiddleware } from './validation-middleware.js';

export type ResilientClient<Paths extends object> = Client<Paths> & {
  /** The circuit breaker's state ('closed' when the breaker is disabled). */
  readonly breaker: { readonly state: BreakerState };
};

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
  const fetch = createResilientFetch(options);
  const client = createClient<Paths>({ baseUrl: options.baseUrl, fetch });
  client.use(headersMiddleware(options), validationMiddleware(options, validators));
  return Object.assign(client, { breaker: fetch.breaker });
}
