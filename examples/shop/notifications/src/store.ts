/** Notifications' own data: one notification per order placed (in memory). */
import type { OrderPlaced } from './order-placed.js';

export interface Notification {
  id: string;
  type: 'OrderPlaced';
  orderId: string;
  user: string;
  message: string;
}

export interface NotificationStore {
  /** Records the event once per order: a redelivered webhook returns the first notification. */
  receive(event: OrderPlaced): Notification;
  list(user?: string): Notification[];
  reset(): void;
}

export function createNotificationStore(): NotificationStore {
  const byOrder = new Map<string, Notification>();
  let nextId = 1;
  return {
    receive(event) {
      const existing = byOrder.get(event.orderId);
      if (existing !== undefined) return existing;
      const notification: Notification = {
        id: `n-${nextId++}`,
        type: 'OrderPlaced',
        orderId: event.orderId,
        user: event.user,
        message: `Order ${event.orderId} placed: ${event.quantity} × ${event.sku} for ${event.amount} ${event.currency}.`,
      };
      byOrder.set(event.orderId, notification);
      return notification;
    },
    list(user) {
      const all = [...byOrder.values()];
      return user === undefined ? all : all.filter((n) => n.user === user);
    },
    reset() {
      byOrder.clear();
      nextId = 1;
    },
  };
}
