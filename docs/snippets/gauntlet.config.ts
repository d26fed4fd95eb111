// A gauntlet.config.ts for a system of three services (type-checked by the test suite).
import { defineConfig } from 'gauntlet';

export default defineConfig({
  services: {
    inventory: {
      contracts: ['contracts/openapi/inventory.yaml'],
      start: { command: 'node', args: ['inventory/main.js'] },
      port: 4102,
      health: '/health',
    },
    payments: {
      contracts: ['contracts/raml/payments.raml'],
      start: { command: 'node', args: ['payments/main.js'] },
      port: 4103,
    },
    orders: {
      contracts: ['contracts/openapi/orders.yaml'],
      start: { command: 'node', args: ['orders/main.js'], env: { CALL_TIMEOUT_MS: '2000' } },
      port: 4101,
      // orders reads inventory's URL from INVENTORY_URL: a mock's in `gauntlet dev orders`,
      // the real one in `gauntlet up`, a Toxiproxy proxy's in `gauntlet chaos`.
      dependsOn: [
        { service: 'inventory', env: 'INVENTORY_URL' },
        { service: 'payments', env: 'PAYMENTS_URL' },
      ],
      requestHeaders: { 'X-User': 'alice' },
    },
  },
  mock: { port: 4010 },
  run: { contracts: ['contracts/'], scenarios: ['scenarios/'], reportDir: 'reports' },
  ci: { pacts: ['contracts/pacts'], environment: 'production' },
  chaos: { experiments: ['chaos/'] },
});
