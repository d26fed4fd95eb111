/** gateway → orders (contracts/openapi/orders.yaml): read one order on a user's behalf. */

import type { ResilientFetchOptions } from 'gauntlet/client-runtime';
import { createOrdersClient as createGeneratedClient } from '../../../clients/generated/orders/index.js';
import { isRecord } from '../../../shared/http.js';

export interface Order {
  id: string;
  user: string;
  sku: string;
  quantity: number;
  amount: number;
  currency: string;
  status: string;
  note: string | null;
  placedAt: string;
}

/** `found: false` carries orders' own answer (404 problem, 401, ...) to pass on unchanged. */
export type GetOrderResult =
  | { found: true; order: Order }
  | { found: false; status: number; contentType: string; body: string };

export interface OrdersClient {
  /** Throws the runtime's ClientCallError when orders gives no answer. */
  getOrder(id: string, user: string): Promise<GetOrderResult>;
}

export function createOrdersClient(baseUrl: string, policy: ResilientFetchOptions): OrdersClient {
  const orders = createGeneratedClient({ ...policy, baseUrl: baseUrl.replace(/\/$/, '') });
  return {
    async getOrder(id, user) {
      const result = await orders.GET('/orders/{id}', {
        params: { path: { id } },
        headers: { accept: 'application/json', 'x-user': user },
      });
      const { response } = result;
      const contentType = response.headers.get('content-type') ?? 'application/octet-stream';
      if (response.status === 200) {
        if (isOrder(result.data)) return { found: true, order: result.data };
        return { found: false, status: 502, contentType: 'text/plain', body: 'Invalid order.' };
      }
      const error: unknown = result.error;
      const body =
        error === undefined ? '' : typeof error === 'string' ? error : JSON.stringify(error);
      return { found: false, status: response.status, contentType, body };
    },
  };
}

function isOrder(value: unknown): value is Order {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.user === 'string' &&
    typeof value.sku === 'string' &&
    typeof value.quantity === 'number'
  );
}
