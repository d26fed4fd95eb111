// The example shop (examples/shop) as Gauntlet sees it: what each service provides, how to start
// it, and what it calls. `gauntlet dev|up|run` read this file; see the README's tutorial.
import { defineConfig } from './src/config.js';

/** Each service is its own program: `node --import tsx examples/shop/<name>/src/main.ts`. */
const program = (name: string) => ({
  command: 'node',
  args: ['--import', 'tsx', `examples/shop/${name}/src/main.ts`],
});

export default defineConfig({
  services: {
    inventory: {
      contracts: ['contracts/openapi/inventory.yaml'],
      start: program('inventory'),
      port: 4102,
      health: '/health',
    },
    payments: {
      contracts: ['contracts/raml/payments.raml'],
      start: program('payments'),
      port: 4103,
      health: '/health',
    },
    notifications: {
      // It provides no HTTP API of its own; it receives the OrderPlaced webhook that orders
      // publishes (contracts/openapi/order-events.yaml, and the message pact in contracts/pacts).
      start: program('notifications'),
      port: 4104,
      health: '/health',
    },
    orders: {
      contracts: ['contracts/openapi/orders.yaml', 'contracts/openapi/order-events.yaml'],
      start: { ...program('orders'), env: { CALL_TIMEOUT_MS: '2000' } },
      port: 4101,
      health: '/health',
      dependsOn: [
        { service: 'inventory', env: 'INVENTORY_URL' },
        { service: 'payments', env: 'PAYMENTS_URL' },
        {
          service: 'notifications',
          contracts: ['contracts/openapi/order-events.yaml'],
          env: 'NOTIFY_URLS',
          path: '/webhooks/order-placed',
        },
      ],
      // orders trusts the gateway's X-User header (contracts/openapi/orders.yaml, gatewayUser).
      requestHeaders: { 'X-User': 'alice' },
    },
    gateway: {
      contracts: ['contracts/openapi/gateway.yaml'],
      start: program('gateway'),
      port: 4100,
      health: '/health',
      dependsOn: [
        { service: 'orders', contracts: ['contracts/openapi/orders.yaml'], env: 'ORDERS_URL' },
        { service: 'inventory', env: 'INVENTORY_URL' },
      ],
      requestHeaders: { authorization: 'Bearer token-alice' },
    },
  },
  run: {
    contracts: ['contracts/'],
    scenarios: ['scenarios/'],
    // The gateway's contract as a Postman collection (gauntlet export postman), its own tests
    // run through newman against the running system.
    postman: [
      {
        collection: 'contracts/postman/gateway.postman_collection.json',
        service: 'gateway',
        variables: { token: 'token-alice' },
      },
    ],
    reportDir: 'reports',
    // The load stage of `npm start` runs the shortest suite (one service, 3 s); `gauntlet load`
    // runs every suite in perf/, the whole system's included.
    load: ['perf/inventory.load.ts'],
  },
  // `gauntlet chaos` runs every experiment of chaos/; the chaos stage of `gauntlet run` (npm
  // start) runs one short experiment, to keep the main job quick.
  chaos: { experiments: ['chaos/'], stage: ['chaos/slow-inventory.yaml'] },
  ci: {
    pacts: ['contracts/pacts'],
    verify: {
      inventory: {
        states: 'examples/shop/inventory/test/provider/states.ts',
        postman: [{ collection: 'contracts/postman/inventory.postman_collection.json' }],
      },
      payments: { states: 'examples/shop/payments/test/provider/states.ts' },
      orders: {
        states: 'examples/shop/orders/test/provider/states.ts',
        // Payments is mocked from orders' own pact with it, which knows two charges (800 EUR
        // captured, 1200 declined); the coverage phase's other valid orders (1 or 100 units)
        // reach payments with charges the mock cannot answer, and orders answers the 503 its
        // contract documents for an unavailable payments.
        allowServerErrors: {
          503: "payments is mocked from orders' pact (two charges): other orders get the documented 503",
        },
      },
    },
    environment: 'production',
  },
});
