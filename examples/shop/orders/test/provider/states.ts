/**
 * Provider states and message providers for orders, for
 * `gauntlet verify pact --provider orders --states <this>`: the gateway's HTTP pact and the
 * notifications message pact (OrderPlaced). `startProvider` runs orders with real inventory and
 * payments behind it, all in-process, so an order placed during verification goes through the
 * whole saga.
 */

import { defineProviderStates } from '../../../../../src/verify/pact/states.js';
import type { MessageProviders, ProviderStates } from '../../../../../src/verify/pact/types.js';
import { start as startInventory } from '../../../inventory/src/server.js';
import { createInventoryStore, DEFAULT_STOCK } from '../../../inventory/src/store.js';
import { start as startPayments } from '../../../payments/src/server.js';
import { createPaymentsStore } from '../../../payments/src/store.js';
import { DEFAULT_CATALOG } from '../../src/catalog.js';
import { orderPlacedEvent } from '../../src/order-placed.js';
import { start } from '../../src/server.js';
import { createOrderStore, type Order, type OrderStore } from '../../src/store.js';

/** The time every order placed during verification carries (pacts match it by format only). */
export const FIXED_NOW = new Date('2026-01-01T12:00:00.000Z');

export interface OrdersWorld {
  orders: OrderStore;
  inventory: ReturnType<typeof createInventoryStore>;
  payments: ReturnType<typeof createPaymentsStore>;
}

function seededOrder(params: Record<string, unknown>): Order {
  const sku = String(params.sku ?? 'abc');
  const quantity = Number(params.quantity ?? 2);
  const price = DEFAULT_CATALOG[sku] ?? { amount: 400, currency: 'EUR' };
  return {
    id: String(params.id ?? params.orderId ?? 'o-1'),
    user: String(params.user ?? 'alice'),
    sku,
    quantity,
    amount: price.amount * quantity,
    currency: price.currency,
    status: 'confirmed',
    reservationId: 'r-1',
    chargeId: 'ch-1',
    note: null,
    placedAt: FIXED_NOW.toISOString(),
  };
}

/** States and messages bound to the three stores (tests bind them to their own). */
export function ordersStates(world: () => OrdersWorld): {
  states: ProviderStates;
  messages: MessageProviders;
  beforeEach: () => void;
} {
  return {
    beforeEach: () => {
      world().orders.reset();
      world().inventory.seed(DEFAULT_STOCK);
      world().payments.reset();
    },
    states: {
      'order o-1 exists for alice': (params) => world().orders.save(seededOrder(params)),
      'an order o-1 was placed by alice': (params) => world().orders.save(seededOrder(params)),
      'SKU abc has 3 in stock': ({ sku, available }) => {
        world().inventory.setStock(String(sku), Number(available));
      },
    },
    messages: {
      'an OrderPlaced event': {
        metadata: { contentType: 'application/json', 'x-event-type': 'OrderPlaced' },
        build: ({ orderId }) => {
          const order = world().orders.get(String(orderId));
          if (order === undefined) throw new Error(`No order '${String(orderId)}' was set up.`);
          return orderPlacedEvent(order);
        },
      },
    },
  };
}

const world: OrdersWorld = {
  orders: createOrderStore(),
  inventory: createInventoryStore(),
  payments: createPaymentsStore(),
};

export const { states, messages, beforeEach } = defineProviderStates(ordersStates(() => world));

export async function startProvider(): Promise<{ url: string; close(): Promise<void> }> {
  const inventory = await startInventory({ port: 0, host: '127.0.0.1', store: world.inventory });
  const payments = await startPayments({ port: 0, host: '127.0.0.1', store: world.payments });
  const orders = await start({
    port: 0,
    host: '127.0.0.1',
    inventoryUrl: inventory.url,
    paymentsUrl: payments.url,
    deps: { store: world.orders, now: () => FIXED_NOW, log: () => {} },
  });
  return {
    url: orders.url,
    close: async () => {
      await orders.close();
      await Promise.all([inventory.close(), payments.close()]);
    },
  };
}
