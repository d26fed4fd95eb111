/**
 * Provider states for inventory, for `gauntlet verify pact --provider inventory --states <this>`.
 * The module owns the store it seeds; `startProvider` runs inventory in-process on that store, so
 * the states reach its data directly (no admin endpoint needed).
 */
import { defineProviderStates, type ProviderStates } from 'gauntlet';
import { start } from '../../src/server.js';
import { createInventoryStore, DEFAULT_STOCK, type InventoryStore } from '../../src/store.js';

/** The states inventory's consumers use, bound to a store (tests bind them to their own). */
export function inventoryStates(store: () => InventoryStore): {
  states: ProviderStates;
  beforeEach: () => void;
} {
  const stockLevel = ({ sku, available }: Record<string, unknown>) => {
    store().setStock(String(sku), Number(available));
  };
  return {
    // Every interaction starts from the default stock and no reservations.
    beforeEach: () => store().seed(DEFAULT_STOCK),
    states: {
      'SKU abc has 3 in stock': stockLevel,
      'SKU sold-out has 0 in stock': stockLevel,
      'reservation r-1 exists': ({ id, sku, quantity, orderId }) => {
        store().seedReservation({
          id: String(id),
          sku: String(sku),
          quantity: Number(quantity),
          orderId: String(orderId),
        });
      },
      'reservation r-9 does not exist': ({ id }) => {
        store().release(String(id));
      },
    },
  };
}

const store = createInventoryStore();

export const { states, beforeEach } = defineProviderStates(inventoryStates(() => store));

export async function startProvider(): Promise<{ url: string; close(): Promise<void> }> {
  const running = await start({ port: 0, host: '127.0.0.1', store });
  return { url: running.url, close: running.close };
}
