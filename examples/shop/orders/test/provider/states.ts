/**
 * Provider states and message providers for orders, for
 * `gauntlet verify pact --provider orders --states <this>`: the gateway's HTTP pact and the
 * notifications message pact (OrderPlaced). `startProvider` runs the real orders service with
 * Gauntlet mocks of its own dependencies, served by `startMock`: inventory from its OpenAPI
 * contract with its stock made stateful by a scenario, payments from orders' own pact with it.
 * Each provider state is set through the mock's admin API. Nothing of inventory or payments
 * runs: orders is verified alone, against what its dependencies promised.
 */

import { fileURLToPath } from 'node:url';
import {
  type AdminClient,
  compileScenarios,
  createAdminClient,
  defineProviderStates,
  defineScenario,
  type MessageProviders,
  type ProviderStates,
  type RunningMock,
  startMock,
} from 'gauntlet';
import { DEFAULT_CATALOG } from '../../src/catalog.js';
import { orderPlacedEvent } from '../../src/order-placed.js';
import { start } from '../../src/server.js';
import { createOrderStore, type Order } from '../../src/store.js';

/** The time every order placed during verification carries (pacts match it by format only). */
export const FIXED_NOW = new Date('2026-01-01T12:00:00.000Z');

/**
 * Inventory's stock of SKU abc as a scenario on top of its contract mock: in stock, a
 * reservation answers 201 with the order's id; sold out, 409. Releases always succeed.
 */
export const stockOfAbc = defineScenario({
  name: 'stock-of-abc',
  service: 'inventory',
  initialState: 'in-stock',
  states: ['in-stock', 'sold-out'],
  stubs: [
    {
      id: 'reserve-abc',
      state: 'in-stock',
      request: { method: 'POST', path: '/reservations', body: { partialJson: { sku: 'abc' } } },
      response: {
        status: 201,
        template: true,
        body: {
          id: 'r-1',
          sku: 'abc',
          quantity: "{{jsonPointer request.body '/quantity'}}",
          orderId: "{{jsonPointer request.body '/orderId'}}",
        },
      },
    },
    {
      id: 'reserve-abc-sold-out',
      state: 'sold-out',
      request: { method: 'POST', path: '/reservations', body: { partialJson: { sku: 'abc' } } },
      response: {
        status: 409,
        headers: { 'Content-Type': 'application/problem+json' },
        body: { title: 'Out of stock', status: 409, detail: "Requested more of 'abc' than left." },
      },
    },
    {
      id: 'release',
      request: { method: 'DELETE', path: '/reservations/{id}' },
      response: { status: 204 },
    },
  ],
});

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

/** The repository root: the contracts' paths are relative to it. */
const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const orders = createOrderStore();
/** The mocks of inventory and payments, while the provider runs. */
let dependencies: { mock: RunningMock; admin: AdminClient } | undefined;

function admin(): AdminClient {
  if (dependencies === undefined) throw new Error('The dependency mocks are not running.');
  return dependencies.admin;
}

const orderStates: ProviderStates = {
  'order o-1 exists for alice': (params) => orders.save(seededOrder(params)),
  'an order o-1 was placed by alice': (params) => orders.save(seededOrder(params)),
  'SKU abc has 3 in stock': async ({ available }) => {
    await admin().setScenarioState(
      stockOfAbc.name,
      Number(available) > 0 ? 'in-stock' : 'sold-out',
    );
  },
};

const orderMessages: MessageProviders = {
  'an OrderPlaced event': {
    metadata: { contentType: 'application/json', 'x-event-type': 'OrderPlaced' },
    build: ({ orderId }) => {
      const order = orders.get(String(orderId));
      if (order === undefined) throw new Error(`No order '${String(orderId)}' was set up.`);
      return orderPlacedEvent(order);
    },
  },
};

export const { states, messages, beforeEach } = defineProviderStates({
  states: orderStates,
  messages: orderMessages,
  beforeEach: async () => {
    orders.reset();
    // Every interaction starts from the scenario's initial state and an empty journal.
    if (dependencies !== undefined) await admin().reset();
  },
});

export async function startProvider(): Promise<{ url: string; close(): Promise<void> }> {
  const mock = await startMock({
    // Inventory from its OpenAPI contract (plus the stock scenario); payments as orders' own pact
    // with it says it answers: an 800 EUR charge is captured, a 1200 EUR one declined.
    contracts: ['contracts/openapi/inventory.yaml', 'contracts/pacts/orders-payments.json'],
    cwd: ROOT,
    port: 0,
    ports: true,
    scenarios: compileScenarios([stockOfAbc]),
    log: () => {},
    warn: () => {},
  });
  dependencies = { mock, admin: createAdminClient(mock.url) };
  const inventoryUrl = mock.urls.inventory;
  const paymentsUrl = mock.urls.payments;
  if (inventoryUrl === undefined || paymentsUrl === undefined) {
    await mock.close();
    throw new Error(`The dependency mocks serve ${Object.keys(mock.urls).join(', ')}.`);
  }
  const running = await start({
    port: 0,
    host: '127.0.0.1',
    inventoryUrl,
    paymentsUrl,
    deps: { store: orders, now: () => FIXED_NOW, log: () => {} },
  });
  return {
    url: running.url,
    close: async () => {
      await running.close();
      await mock.close();
      dependencies = undefined;
    },
  };
}
