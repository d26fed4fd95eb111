/**
 * Placing an order, a small saga: reserve stock → charge → store → notify. A failed charge
 * releases the reservation (the compensation); an unavailable dependency becomes a 503 problem.
 */
import { type Problem, problem } from '../../shared/http.js';
import type { Price } from './catalog.js';
import type { InventoryClient } from './clients/inventory.js';
import type { Notifier } from './clients/notify.js';
import type { PaymentsClient } from './clients/payments.js';
import { UpstreamError } from './clients/upstream-error.js';
import { orderPlacedEvent } from './order-placed.js';
import type { Order, OrderStore } from './store.js';

export interface PlaceOrderDeps {
  inventory: InventoryClient;
  payments: PaymentsClient;
  notifier: Notifier;
  store: OrderStore;
  catalog: Readonly<Record<string, Price>>;
  now: () => Date;
  log: (message: string) => void;
}

export interface OrderRequest {
  sku: string;
  quantity: number;
  note: string | null;
}

export type PlaceOrderResult = { ok: true; order: Order } | { ok: false; problem: Problem };

export async function placeOrder(
  deps: PlaceOrderDeps,
  user: string,
  request: OrderRequest,
): Promise<PlaceOrderResult> {
  const price = Object.hasOwn(deps.catalog, request.sku) ? deps.catalog[request.sku] : undefined;
  if (price === undefined) {
    return fail(422, 'unknown-sku', 'Unknown SKU', `We do not sell '${request.sku}'.`);
  }
  const id = deps.store.nextId();

  let reservationId: string;
  try {
    const reserved = await deps.inventory.reserve({
      sku: request.sku,
      quantity: request.quantity,
      orderId: id,
    });
    if (!reserved.ok && reserved.reason === 'insufficient-stock') {
      return fail(409, 'out-of-stock', 'Out of stock', reserved.detail);
    }
    if (!reserved.ok) return fail(422, 'rejected-by-inventory', 'Order rejected', reserved.detail);
    reservationId = reserved.reservation.id;
  } catch (error) {
    return unavailable(error, 'reserve stock');
  }

  const amount = price.amount * request.quantity;
  let chargeId: string;
  try {
    const charge = await deps.payments.charge({ orderId: id, amount, currency: price.currency });
    if (charge.status === 'declined') {
      await release(deps, reservationId);
      return fail(
        402,
        'payment-declined',
        'Payment declined',
        `The charge of ${amount} ${price.currency} was declined.`,
      );
    }
    chargeId = charge.id;
  } catch (error) {
    await release(deps, reservationId);
    return unavailable(error, 'charge the order');
  }

  const order: Order = {
    id,
    user,
    sku: request.sku,
    quantity: request.quantity,
    amount,
    currency: price.currency,
    status: 'confirmed',
    reservationId,
    chargeId,
    note: request.note,
    placedAt: deps.now().toISOString(),
  };
  deps.store.save(order);
  deps.notifier.publish(orderPlacedEvent(order));
  return { ok: true, order };
}

/** Best effort: a reservation that cannot be released is logged for an operator. */
async function release(deps: PlaceOrderDeps, reservationId: string): Promise<void> {
  try {
    await deps.inventory.release(reservationId);
  } catch (error) {
    deps.log(`Failed to release reservation ${reservationId}: ${String(error)}`);
  }
}

function unavailable(error: unknown, what: string): PlaceOrderResult {
  if (!(error instanceof UpstreamError)) throw error;
  return fail(
    503,
    'dependency-unavailable',
    'Service unavailable',
    `Failed to ${what}: because ${error.message} Try again later.`,
  );
}

function fail(status: number, slug: string, title: string, detail: string): PlaceOrderResult {
  return { ok: false, problem: problem(status, slug, title, detail) };
}
