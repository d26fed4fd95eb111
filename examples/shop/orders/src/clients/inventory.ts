/** orders → inventory (contracts/openapi/inventory.yaml): reserve and release stock. */
import { isRecord } from '../../../shared/http.js';
import { type ClientOptions, call, policyFor, UpstreamError } from './call.js';

export interface Reservation {
  id: string;
  sku: string;
  quantity: number;
  orderId: string;
}

export type ReserveResult =
  | { ok: true; reservation: Reservation }
  | { ok: false; reason: 'insufficient-stock' | 'rejected'; detail: string };

export interface InventoryClient {
  /** Throws UpstreamError when inventory cannot answer. */
  reserve(request: { sku: string; quantity: number; orderId: string }): Promise<ReserveResult>;
  /** True when released, false when inventory does not know the reservation. */
  release(reservationId: string): Promise<boolean>;
}

export function createInventoryClient(options: ClientOptions): InventoryClient {
  const policy = policyFor('inventory', options);
  const base = options.baseUrl.replace(/\/$/, '');
  return {
    async reserve(request) {
      const res = await call(policy, 'POST', `${base}/reservations`, request);
      if (res.status === 201 && isReservation(res.body)) {
        return { ok: true, reservation: res.body };
      }
      if (res.status === 409) {
        return { ok: false, reason: 'insufficient-stock', detail: detailOf(res.body) };
      }
      if (res.status === 422) return { ok: false, reason: 'rejected', detail: detailOf(res.body) };
      throw new UpstreamError(
        'inventory',
        'bad-response',
        `Unexpected reservation answer ${res.status}.`,
      );
    },
    async release(reservationId) {
      const res = await call(
        policy,
        'DELETE',
        `${base}/reservations/${encodeURIComponent(reservationId)}`,
      );
      if (res.status === 204) return true;
      if (res.status === 404) return false;
      throw new UpstreamError(
        'inventory',
        'bad-response',
        `Unexpected release answer ${res.status}.`,
      );
    },
  };
}

function isReservation(value: unknown): value is Reservation {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.sku === 'string' &&
    typeof value.quantity === 'number' &&
    typeof value.orderId === 'string'
  );
}

function detailOf(body: unknown): string {
  if (isRecord(body) && typeof body.detail === 'string') return body.detail;
  if (isRecord(body) && typeof body.title === 'string') return body.title;
  return 'No detail given.';
}
