import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../shared/http.js';
import { start } from '../src/server.js';
import { handlers } from './generated/shop-msw.js';

// The gateway tested in-process against MSW handlers generated from the orders and inventory
// contracts (`gauntlet generate msw`, see the header of generated/shop-msw.ts, which imports
// gauntlet/msw): its calls to orders and inventory are answered by Gauntlet's mock engine — the
// same answers `gauntlet mock contracts/openapi/orders.yaml contracts/openapi/inventory.yaml`
// gives. test/generate/generated-up-to-date.test.ts keeps the file in step with the contracts.
const ORDERS = 'http://orders.test';
const INVENTORY = 'http://inventory.test';
const server = setupServer(
  ...handlers({ baseUrl: { orders: ORDERS, inventory: INVENTORY }, onWarning: () => {} }),
);
const alice = { authorization: 'Bearer token-alice' };

let gateway: RunningServer;
beforeAll(async () => {
  // The gateway's own port is not mocked: let the test's requests to it through.
  server.listen({ onUnhandledRequest: 'bypass' });
  gateway = await start({ port: 0, ordersUrl: ORDERS, inventoryUrl: INVENTORY, timeoutMs: 2_000 });
});
afterEach(() => server.resetHandlers());
afterAll(async () => {
  await gateway?.close();
  server.close();
});

async function json(url: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, init);
  return { status: res.status, body: await res.json() };
}

describe('gateway with generated MSW handlers for orders and inventory', () => {
  it('builds the order summary from what the contracts answer', async () => {
    // What the mocked services answer, asked directly (through the same handlers).
    const order = await json(`${ORDERS}/orders/o-1`, { headers: { 'x-user': 'alice' } });
    expect(order.status).toEqual(200);
    const sku = (order.body as { sku: string }).sku;
    const stock = await json(`${INVENTORY}/stock/${encodeURIComponent(sku)}`);
    expect(stock.status).toEqual(200);

    const summary = await json(`${gateway.url}/api/orders/o-1/summary`, { headers: alice });
    expect(summary).toEqual({ status: 200, body: { order: order.body, stock: stock.body } });
  });

  it('passes on the contract’s validation answer for a request orders rejects', async () => {
    const direct = await fetch(`${ORDERS}/orders`, {
      method: 'POST',
      headers: { 'x-user': 'alice', 'content-type': 'application/json' },
      body: JSON.stringify({ sku: 7 }),
    });
    const viaGateway = await fetch(`${gateway.url}/api/orders`, {
      method: 'POST',
      headers: { ...alice, 'content-type': 'application/json' },
      body: JSON.stringify({ sku: 7 }),
    });
    expect(viaGateway.status).toEqual(direct.status);
    expect(viaGateway.headers.get('content-type')).toEqual('application/problem+json');
    expect(await viaGateway.text()).toEqual(await direct.text());
  });

  it('degrades to stock: null when a per-test override takes inventory down', async () => {
    server.use(http.get(`${INVENTORY}/stock/:sku`, () => HttpResponse.error()));
    const order = await json(`${ORDERS}/orders/o-1`, { headers: { 'x-user': 'alice' } });
    const summary = await json(`${gateway.url}/api/orders/o-1/summary`, { headers: alice });
    expect(summary).toEqual({ status: 200, body: { order: order.body, stock: null } });
  });
});
