/** Orders' own data (in memory). Each order's JSON is serialised once, for the hot GET path. */

export interface Order {
  id: string;
  user: string;
  sku: string;
  quantity: number;
  amount: number;
  currency: string;
  status: 'confirmed';
  reservationId: string;
  chargeId: string;
  /** The customer's note, null when none was given. */
  note: string | null;
  placedAt: string;
}

export interface OrderStore {
  nextId(): string;
  save(order: Order): void;
  get(id: string): Order | undefined;
  /** The order as JSON text, serialised when it was saved. */
  getJson(id: string): string | undefined;
  listByUser(user: string): Order[];
  /** Drops every order and restarts ids (tests, provider states). */
  reset(): void;
}

export function createOrderStore(): OrderStore {
  const orders = new Map<string, { order: Order; json: string }>();
  const byUser = new Map<string, Order[]>();
  let next = 1;
  return {
    nextId() {
      let id = `o-${next++}`;
      while (orders.has(id)) id = `o-${next++}`;
      return id;
    },
    save(order) {
      const copy = { ...order };
      orders.set(order.id, { order: copy, json: JSON.stringify(copy) });
      const list = byUser.get(order.user) ?? [];
      byUser.set(order.user, [...list.filter((o) => o.id !== order.id), copy]);
    },
    get: (id) => orders.get(id)?.order,
    getJson: (id) => orders.get(id)?.json,
    listByUser: (user) => [...(byUser.get(user) ?? [])],
    reset() {
      orders.clear();
      byUser.clear();
      next = 1;
    },
  };
}
