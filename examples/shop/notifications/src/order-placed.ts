/** The OrderPlaced event notifications consumes (orders publishes it by webhook). */
import { isRecord } from '../../shared/http.js';
import type { Notification, NotificationStore } from './store.js';

export interface OrderPlaced {
  type: 'OrderPlaced';
  orderId: string;
  user: string;
  sku: string;
  quantity: number;
  amount: number;
  currency: string;
  placedAt: string;
}

/** Checks an incoming event; returns it typed, or what is wrong with it. */
export function parseOrderPlaced(
  value: unknown,
): { ok: true; event: OrderPlaced } | { ok: false; error: string } {
  if (!isRecord(value)) return { ok: false, error: 'The event must be a JSON object.' };
  if (value.type !== 'OrderPlaced') return { ok: false, error: "'type' must be 'OrderPlaced'." };
  for (const key of ['orderId', 'user', 'sku', 'currency', 'placedAt'] as const) {
    if (typeof value[key] !== 'string' || value[key] === '') {
      return { ok: false, error: `'${key}' must be a non-empty string.` };
    }
  }
  if (!Number.isInteger(value.quantity) || (value.quantity as number) < 1) {
    return { ok: false, error: "'quantity' must be a positive integer." };
  }
  if (typeof value.amount !== 'number' || !Number.isFinite(value.amount)) {
    return { ok: false, error: "'amount' must be a number." };
  }
  if (Number.isNaN(Date.parse(value.placedAt as string))) {
    return { ok: false, error: "'placedAt' must be an ISO 8601 date-time." };
  }
  return {
    ok: true,
    event: {
      type: 'OrderPlaced',
      orderId: value.orderId as string,
      user: value.user as string,
      sku: value.sku as string,
      quantity: value.quantity as number,
      amount: value.amount,
      currency: value.currency as string,
      placedAt: value.placedAt as string,
    },
  };
}

/**
 * The consumer's message handler: the webhook endpoint and the message pact test both call it.
 * Throws on an invalid event, so the pact test fails when the contract does not fit the handler.
 */
export function receiveOrderPlaced(store: NotificationStore, value: unknown): Notification {
  const parsed = parseOrderPlaced(value);
  if (!parsed.ok) throw new TypeError(`Failed to handle OrderPlaced: ${parsed.error}`);
  return store.receive(parsed.event);
}
