/**
 * orders → payments (contracts/raml/payments.raml): charge an order, through the generated
 * payments client (generated/payments, `gauntlet generate client`).
 */

import { createPaymentsClient as createGeneratedClient } from '../../../clients/generated/payments/index.js';
import { isRecord } from '../../../shared/http.js';
import {
  type BreakerState,
  clientOptions,
  DEFAULT_TIMEOUT_MS,
  type DependencyOptions,
  unexpectedAnswer,
  upstreamError,
} from './call-policy.js';

export interface Charge {
  id: string;
  orderId: string;
  amount: number;
  currency: string;
  status: 'captured' | 'declined';
}

export interface PaymentsClient {
  /**
   * Throws UpstreamError when payments cannot answer or rejects the request. Never retried: a
   * POST that timed out may still have charged.
   */
  charge(request: { orderId: string; amount: number; currency: string }): Promise<Charge>;
  /** The circuit breaker towards payments ('closed' when disabled). */
  readonly breaker: { readonly state: BreakerState };
}

export function createPaymentsClient(options: DependencyOptions): PaymentsClient {
  const policy = clientOptions(options);
  const payments = createGeneratedClient(policy);
  const timeoutMs = policy.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    breaker: payments.breaker,
    async charge(request) {
      const operation = 'POST /charges';
      const { data, response } = await payments
        .POST('/charges', { body: request, headers: { accept: 'application/json' } })
        .catch((error: unknown) => {
          throw upstreamError('payments', operation, timeoutMs, error);
        });
      if (response.status === 201 && isCharge(data)) {
        return {
          id: data.id,
          orderId: data.orderId,
          amount: data.amount,
          currency: data.currency,
          status: data.status,
        };
      }
      throw unexpectedAnswer('payments', operation, response.status);
    },
  };
}

function isCharge(value: unknown): value is Charge {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.orderId === 'string' &&
    typeof value.amount === 'number' &&
    typeof value.currency === 'string' &&
    (value.status === 'captured' || value.status === 'declined')
  );
}
