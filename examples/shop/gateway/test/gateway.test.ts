import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start as startOrders } from '../../orders/src/server.js';
import type { Order } from '../../orders/src/store.js';
import { start } from '../src/server.js';

// A port nothing listens on: connection refused, at once.
const DEAD = 'http://127.0.0.1:9';

const order: Order = {
  id: 'o-7',
  user: 'alice',
  sku: 'abc',
  quantity: 1,
  amount: 400,
  currency: 'EUR',
  status: 'confirmed',
  reservationId: 'r-7',
  chargeId: 'ch-7',
  note: null,
  placedAt: '2026-01-01T12:00:00.000Z',
};

let orders: Awaited<ReturnType<typeof startOrders>>;
beforeAll(async () => {
  orders = await startOrders({ port: 0, inventoryUrl: DEAD, paymentsUrl: DEAD });
  orders.deps.store.save(order);
});
afterAll(() => orders.close());

const alice = { authorization: 'Bearer token-alice' };

describe('gateway degradation', () => {
  it('the summary degrades to stock: null when inventory is down', async () => {
    const gateway = await start({
      port: 0,
      ordersUrl: orders.url,
      inventoryUrl: DEAD,
      timeoutMs: 10_000,
    });
    try {
      const res = await fetch(`${gateway.url}/api/orders/o-7/summary`, { headers: alice });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ order, stock: null });
    } finally {
      await gateway.close();
    }
  });

  it('orders down: 502 problem after bounded retries', async () => {
    const gateway = await start({
      port: 0,
      ordersUrl: DEAD,
      inventoryUrl: DEAD,
      timeoutMs: 10_000,
    });
    try {
      const res = await fetch(`${gateway.url}/api/orders/o-7`, { headers: alice });
      expect(res.status).toBe(502);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ title: 'Bad gateway', status: 502 });
    } finally {
      await gateway.close();
    }
  });

  it('unknown routes are 404 and health needs no token', async () => {
    const gateway = await start({ port: 0, ordersUrl: orders.url, inventoryUrl: DEAD });
    try {
      expect((await fetch(`${gateway.url}/api/payments/charges`, { headers: alice })).status).toBe(
        404,
      );
      expect(await (await fetch(`${gateway.url}/health`)).json()).toEqual({ status: 'ok' });
    } finally {
      await gateway.close();
    }
  });
});
