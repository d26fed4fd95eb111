/** The OrderPlaced event orders publishes to its webhook subscribers (a message contract). */
import type { Order } from './store.js';

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

/** Builds the event for a stored order; message-pact provider verification calls this too. */
export function orderPlacedEvent(order: Order): OrderPlaced {
  return {
    type: 'OrderPlaced',
    orderId: order.id,
    user: order.user,
    sku: order.sku,
    quantity: order.quantity,
    amount: order.amount,
    currency: order.currency,
    placedAt: order.placedAt,
  };
}
