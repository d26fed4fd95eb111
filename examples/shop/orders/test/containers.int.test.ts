// orders' integration test, the testcontainers way: its dependencies (inventory, payments) run
// as Gauntlet mock containers behind a Toxiproxy container — what `gauntlet dev orders` does with
// processes — and orders itself runs in this test process, calling them through the proxies.

import {
  ensureImage,
  findContainerEngine,
  GauntletMockContainer,
  type StartedGauntletMockContainer,
  type StartedToxiproxyContainer,
  startNetwork,
  ToxiproxyContainer,
  useContainerEngine,
} from 'gauntlet/testcontainers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { lockContainerTests } from '../../../../test/support/container-lock.js';
import { describeNeeding } from '../../../../test/support/needs-tool.js';
import { start } from '../src/server.js';

const { found } = await findContainerEngine(process.env);
const TIMEOUT_MS = 1000;

describeNeeding(
  {
    name: 'a Docker-compatible engine',
    available: found !== null,
    install: 'source .ci/podman.sh && podman_install && podman_start (as root), or start Docker',
  },
  'orders against containerised mocks of inventory and payments, through Toxiproxy',
  () => {
    const stops: Array<() => Promise<unknown>> = [];
    let toxiproxy: StartedToxiproxyContainer;
    let orders: Awaited<ReturnType<typeof start>>;
    let inventory: StartedGauntletMockContainer;

    beforeAll(async () => {
      // One container test file at a time (see test/support/container-lock.ts); released last.
      const release = await lockContainerTests();
      stops.push(async () => release());
      await useContainerEngine();
      await ensureImage('toxiproxy', { offline: true });
      await ensureImage('mock', { offline: true });
      const network = await startNetwork();
      stops.push(() => network.stop());
      inventory = await new GauntletMockContainer('contracts/openapi/inventory.yaml')
        .withNetwork(network)
        .withNetworkAliases('inventory')
        .start();
      stops.push(() => inventory.stop());
      const payments = await new GauntletMockContainer('contracts/raml/payments.raml')
        .withNetwork(network)
        .withNetworkAliases('payments')
        .start();
      stops.push(() => payments.stop());
      toxiproxy = await new ToxiproxyContainer().withNetwork(network).start();
      stops.push(() => toxiproxy.stop());
      const toInventory = await toxiproxy.createProxy({
        name: 'orders_to_inventory',
        upstream: 'inventory:4010',
      });
      const toPayments = await toxiproxy.createProxy({
        name: 'orders_to_payments',
        upstream: 'payments:4010',
      });
      orders = await start({
        port: 0,
        inventoryUrl: toInventory.url,
        paymentsUrl: toPayments.url,
        timeoutMs: TIMEOUT_MS,
        deps: { log: () => undefined },
      });
      stops.push(() => orders.close());
    }, 900_000);

    afterAll(async () => {
      for (const stop of stops.reverse()) await stop();
    }, 120_000);

    const placeOrder = () =>
      fetch(`${orders.url}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user': 'alice' },
        body: JSON.stringify({ sku: 'abc', quantity: 2 }),
      });

    it('places an order through the proxies, and the inventory mock saw the reservation', async () => {
      const response = await placeOrder();
      expect(response.status).toBe(201);
      const journal = await inventory.admin.journal();
      expect(journal.entries.some((e) => e.method === 'POST' && e.path === '/reservations')).toBe(
        true,
      );
    });

    it('answers 503 within its timeout budget when inventory is slow', async () => {
      await toxiproxy.client.addToxic('orders_to_inventory', {
        name: 'slow-inventory',
        type: 'latency',
        attributes: { latency: 5 * TIMEOUT_MS },
      });
      // Toxiproxy does not promise that a toxic reaches connections already open when it is
      // added (Shopify/toxiproxy#148), and orders keeps its connection from the first test
      // alive: disabling and re-enabling the proxy closes it, so the next call opens one whose
      // chain holds the toxic.
      await toxiproxy.client.updateProxy('orders_to_inventory', { enabled: false });
      await toxiproxy.client.updateProxy('orders_to_inventory', { enabled: true });
      try {
        const t0 = performance.now();
        const response = await placeOrder();
        const elapsed = performance.now() - t0;
        expect(response.status).toBe(503);
        // A 503 from a closed connection would come at once: this one is the timeout's.
        expect(elapsed).toBeGreaterThanOrEqual(0.9 * TIMEOUT_MS);
        expect(elapsed).toBeLessThan(3 * TIMEOUT_MS);
      } finally {
        await toxiproxy.client.removeToxic('orders_to_inventory', 'slow-inventory');
      }
    });
  },
);
