/** Inventory's own data: stock per SKU and the reservations held against it (in memory). */

export interface Reservation {
  id: string;
  sku: string;
  quantity: number;
  orderId: string;
}

export type ReserveResult =
  | { ok: true; reservation: Reservation }
  | { ok: false; reason: 'unknown-sku' | 'insufficient-stock'; available: number };

/** The stock the service starts with. */
export const DEFAULT_STOCK: Readonly<Record<string, number>> = { abc: 3, def: 10, 'sold-out': 0 };

export interface InventoryStore {
  /** Units of `sku` not reserved, or undefined for an unknown SKU. */
  available(sku: string): number | undefined;
  reserve(sku: string, quantity: number, orderId: string): ReserveResult;
  /** Returns the units to stock; false when no such reservation exists. */
  release(id: string): boolean;
  reservation(id: string): Reservation | undefined;
  /** Replaces all stock and drops every reservation (provider states and tests use this). */
  seed(stock: Readonly<Record<string, number>>): void;
  /** Sets one SKU's available units, creating the SKU if needed. */
  setStock(sku: string, available: number): void;
  /** Adds a reservation with a fixed id (for provider states such as "reservation r-1 exists"). */
  seedReservation(reservation: Reservation): void;
}

export function createInventoryStore(
  initial: Readonly<Record<string, number>> = DEFAULT_STOCK,
): InventoryStore {
  const stock = new Map<string, number>();
  const reservations = new Map<string, Reservation>();
  let nextId = 1;

  const store: InventoryStore = {
    available: (sku) => stock.get(sku),
    reserve(sku, quantity, orderId) {
      const available = stock.get(sku);
      if (available === undefined) return { ok: false, reason: 'unknown-sku', available: 0 };
      if (available < quantity) return { ok: false, reason: 'insufficient-stock', available };
      let id = `r-${nextId++}`;
      while (reservations.has(id)) id = `r-${nextId++}`;
      const reservation = { id, sku, quantity, orderId };
      stock.set(sku, available - quantity);
      reservations.set(id, reservation);
      return { ok: true, reservation };
    },
    release(id) {
      const reservation = reservations.get(id);
      if (reservation === undefined) return false;
      reservations.delete(id);
      stock.set(reservation.sku, (stock.get(reservation.sku) ?? 0) + reservation.quantity);
      return true;
    },
    reservation: (id) => reservations.get(id),
    seed(next) {
      stock.clear();
      reservations.clear();
      nextId = 1;
      for (const [sku, n] of Object.entries(next)) stock.set(sku, n);
    },
    setStock(sku, available) {
      stock.set(sku, available);
    },
    seedReservation(reservation) {
      reservations.set(reservation.id, { ...reservation });
      if (!stock.has(reservation.sku)) stock.set(reservation.sku, 0);
    },
  };
  store.seed(initial);
  return store;
}
