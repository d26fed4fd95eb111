/**
 * orders → inventory (contracts/openapi/inventory.yaml): reserve and release stock, through the
 * generated inventory client (examples/shop/clients/generated/inventory, `gauntlet generate client`).
 */

import { createInventoryClient as createGeneratedClient } from '../../../clients/generated/inventory/index.js';
import { isRecord } from '../../../shared/http.js';
import {
  type BreakerState,
  clientOptions,
  DEFAULT_TIMEOUT_MS,
  type DependencyOptions,
  unexpectedAnswer,
  upstreamError,
} from './call-policy.js';

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
  /** Throws UpstreamError when inventory cannot answer. Never retried: a POST. */
  reserve(request: { sku: string; quantity: number; orderId: string }): Promise<ReserveResult>;
  /** True when released, false when inventory does not know the reservation. */
  release(reservationId: string): Promise<boolean>;
  /** The circuit breaker towards inventory ('closed' when disabled). */
  readonly breaker: { readonly state: BreakerState };
}

export function createInventoryClient(options: DependencyOptions): InventoryClient {
  const policy = clientOptions(options);
  const inventory = createGeneratedClient(policy);
  const timeoutMs = policy.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const failed = (operation: string) => (error: unknown) => {
    throw upstreamError('inventory', operation, timeoutMs, error);
  };
  return {
    breaker: inventory.breaker,
    async reserve(request) {
      const operation = 'POST /reservations';
      const { data, error, response } = await inventory
        .POST('/reservations', { body: request, headers: { accept: 'application/json' } })
        .catch(failed(operation));
      if (response.status === 201 && isReservation(data)) {
        return { ok: true, reservation: data };
      }
      if (response.status === 409) {
        return { ok: false, reason: 'insufficient-stock', detail: detailOf(error) };
      }
      if (response.status === 422)
        return { ok: false, reason: 'rejected', detail: detailOf(error) };
      throw unexpectedAnswer('inventory', operation, response.status);
    },
    async release(reservationId) {
      const operation = `DELETE /reservations/${reservationId}`;
      const { response } = await inventory
        .DELETE('/reservations/{id}', {
          params: { path: { id: reservationId } },
          headers: { accept: 'application/json' },
        })
        .catch(failed(operation));
      if (response.status === 204) return true;
      if (response.status === 404) return false;
      throw unexpectedAnswer('inventory', operation, response.status);
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
