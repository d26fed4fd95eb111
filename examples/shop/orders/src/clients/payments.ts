/** orders → payments (contracts/raml/payments.raml): charge an order. */
import { isRecord } from '../../../shared/http.js';
import { type ClientOptions, call, policyFor, UpstreamError } from './call.js';

export interface Charge {
  id: string;
  orderId: string;
  amount: number;
  currency: string;
  status: 'captured' | 'declined';
}

export interface PaymentsClient {
  /** Throws UpstreamError when payments cannot answer or rejects the request. */
  charge(request: { orderId: string; amount: number; currency: string }): Promise<Charge>;
}

export function createPaymentsClient(options: ClientOptions): PaymentsClient {
  const policy = policyFor('payments', options);
  const base = options.baseUrl.replace(/\/$/, '');
  return {
    async charge(request) {
      const res = await call(policy, 'POST', `${base}/charges`, request);
      if (res.status === 201 && isCharge(res.body)) return res.body;
      throw new UpstreamError(
        'payments',
        'bad-response',
        `Unexpected charge answer ${res.status}.`,
      );
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
