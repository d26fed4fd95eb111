/** gateway → orders (contracts/openapi/orders.yaml): read one order on a user's behalf. */
import { isRecord } from '../../../shared/http.js';
import { fetchUpstream, type UpstreamOptions } from '../upstream.js';

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
  /** Throws UpstreamUnavailable when orders gives no answer. */
  getOrder(id: string, user: string): Promise<GetOrderResult>;
}

export function createOrdersClient(baseUrl: string, options: UpstreamOptions): OrdersClient {
  const base = baseUrl.replace(/\/$/, '');
  return {
    async getOrder(id, user) {
      const answer = await fetchUpstream(
        `${base}/orders/${encodeURIComponent(id)}`,
        { method: 'GET', headers: { accept: 'application/json', 'x-user': user } },
        options,
      );
      const contentType = answer.headers.get('content-type') ?? 'application/octet-stream';
      if (answer.status === 200) {
        const order = parseJson(answer.body);
        if (isOrder(order)) return { found: true, order };
        return { found: false, status: 502, contentType: 'text/plain', body: 'Invalid order.' };
      }
      return { found: false, status: answer.status, contentType, body: answer.body };
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
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
