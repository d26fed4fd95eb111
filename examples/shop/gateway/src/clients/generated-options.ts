/**
 * The gateway's call policy (upstream.ts) expressed as options of the generated clients
 * (examples/shop/clients/generated/*, from `gauntlet generate client`): per-attempt timeout, bounded retries
 * of GET on timeouts, network errors and 502/503/504, no circuit breaker.
 */

import {
  ClientCallError,
  type OrdersClientOptions,
} from '../../../clients/generated/orders/index.js';
import { type UpstreamOptions, UpstreamUnavailable } from '../upstream.js';

export function generatedOptions(baseUrl: string, options: UpstreamOptions): OrdersClientOptions {
  return {
    baseUrl,
    timeoutMs: options.timeoutMs,
    retry: {
      attempts: options.retries + 1,
      baseDelayMs: options.backoffMs,
      statuses: [502, 503, 504],
      methods: ['GET'],
    },
    breaker: false,
  };
}

/**
 * A call that produced no answer becomes the UpstreamUnavailable the server maps to 502/504
 * (instanceof recognises the ClientCallError of either generated client).
 */
export function unavailable(error: unknown): unknown {
  if (error instanceof ClientCallError) {
    return new UpstreamUnavailable(error.message, error.kind === 'timeout');
  }
  return error;
}
