import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { start as startInventory } from '../../inventory/src/server.js';
import { start as startNotifications } from '../../notifications/src/server.js';
import { start as startPayments } from '../../payments/src/server.js';
import { createPaymentsClient } from '../src/clients/payments.js';
import { start } from '../src/server.js';

let inventory: Awaited<ReturnType<typeof startInventory>>;
let payments: Awaited<ReturnType<typeof startPayments>>;
let notifications: Awaited<ReturnType<typeof startNotifications>>;
let orders: Awaited<ReturnType<typeof start>>;
const logged: string[] = [];

beforeAll(async () => {
  inventory = await startInventory({ port: 0 });
  payments = await startPayments({ port: 0 });
  notifications = await startNotifications({ port: 0 });
  orders = await start({
    port: 0,
    inventoryUrl: inventory.url,
    paymentsUrl: payments.url,
    notifyUrls: [`${notifications.url}/webhooks/order-placed`],
    deps: {
      now: () => new Date('2026-01-01T12:00:00.000Z'),
      log: (message) => logged.push(message),
    },
  });
});
afterAll(async () => {
  await orders.close();
  await Promise.all([inventory.close(), payments.close(), notifications.close()]);
});
beforeEach(() => {
  inventory.store.seed({ abc: 3, def: 10, 'sold-out': 0 });
  payments.store.reset();
  notifications.store.reset();
  orders.deps.store.reset();
  logged.length = 0;
});

function place(user: string | undefined, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (user !== undefined) headers['x-user'] = user;
  return fetch(`${orders.url}/orders`, { method: 'POST', headers, body: JSON.stringify(body) });
}

const get = (path: string, user: string) =>
  fetch(`${orders.url}${path}`, { headers: { 'x-user': user } });

describe('orders', () => {
  it('places an order: reserves, charges, stores, notifies', async () => {
    const res = await place('alice', { sku: 'abc', quantity: 2 });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/orders/o-1');
    const order = {
      id: 'o-1',
      user: 'alice',
      sku: 'abc',
      quantity: 2,
      amount: 800,
      currency: 'EUR',
      status: 'confirmed',
      reservationId: 'r-1',
      chargeId: 'ch-1',
      note: null,
      placedAt: '2026-01-01T12:00:00.000Z',
    };
    expect(await res.json()).toEqual(order);
    expect(inventory.store.available('abc')).toBe(1);
    expect(payments.store.get('ch-1')).toMatchObject({
      orderId: 'o-1',
      amount: 800,
      status: 'captured',
    });
    expect(await (await get('/orders/o-1', 'alice')).json()).toEqual(order);
    await orders.deps.notifier.idle();
    expect(notifications.store.list().map((n) => n.orderId)).toEqual(['o-1']);
  });

  it('a declined payment releases the reservation and answers 402', async () => {
    const res = await place('alice', { sku: 'abc', quantity: 3 });
    expect(res.status).toBe(402);
    expect(await res.json()).toEqual({
      type: 'https://shop.example/problems/payment-declined',
      title: 'Payment declined',
      status: 402,
      detail: 'The charge of 1200 EUR was declined.',
    });
    expect(inventory.store.available('abc')).toBe(3);
    expect(inventory.store.reservation('r-1')).toBeUndefined();
    expect((await get('/orders?user=alice', 'alice').then((r) => r.json())) as unknown).toEqual({
      orders: [],
    });
  });

  it('out of stock is 409 and charges nothing', async () => {
    const res = await place('alice', { sku: 'sold-out', quantity: 1 });
    expect(res.status).toBe(409);
    expect(payments.store.get('ch-1')).toBeUndefined();
  });

  it.each([
    ['an unknown SKU', { sku: 'nope', quantity: 1 }, 422],
    ['quantity 0', { sku: 'abc', quantity: 0 }, 422],
    ['a numeric note', { sku: 'abc', quantity: 1, note: 5 }, 422],
  ])('rejects %s', async (_name, body, status) => {
    expect((await place('alice', body)).status).toBe(status);
  });

  it('keeps a note, and null when none was given', async () => {
    const res = await place('alice', { sku: 'def', quantity: 1, note: 'gift wrap' });
    expect(await res.json()).toMatchObject({ note: 'gift wrap' });
  });

  it('authorises on X-User: 401 without it, 404 on another user’s order, 403 listing theirs', async () => {
    expect((await place(undefined, { sku: 'abc', quantity: 1 })).status).toBe(401);
    await place('alice', { sku: 'def', quantity: 1 });
    expect((await get('/orders/o-1', 'bob')).status).toBe(404);
    expect((await get('/orders/o-1', 'alice')).status).toBe(200);
    expect((await get('/orders?user=alice', 'bob')).status).toBe(403);
    expect(await (await get('/orders', 'bob')).json()).toEqual({ orders: [] });
    const mine = (await (await get('/orders', 'alice')).json()) as { orders: { id: string }[] };
    expect(mine.orders.map((o) => o.id)).toEqual(['o-1']);
  });
});

describe('orders when a dependency is down', () => {
  it('inventory unreachable: 503 problem with Retry-After, nothing charged', async () => {
    const alone = await start({
      port: 0,
      inventoryUrl: 'http://127.0.0.1:9', // discard port: connection refused
      paymentsUrl: payments.url,
      timeoutMs: 10_000, // the dead port refuses at once; a busy machine must not time out the live one
    });
    try {
      const res = await fetch(`${alone.url}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user': 'alice' },
        body: JSON.stringify({ sku: 'abc', quantity: 1 }),
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(payments.store.get('ch-1')).toBeUndefined();
    } finally {
      await alone.close();
    }
  });

  it('payments unreachable: the reservation is released, 503', async () => {
    const alone = await start({
      port: 0,
      inventoryUrl: inventory.url,
      paymentsUrl: 'http://127.0.0.1:9',
      timeoutMs: 10_000, // the dead port refuses at once; a busy machine must not time out the live one
    });
    try {
      const res = await fetch(`${alone.url}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user': 'alice' },
        body: JSON.stringify({ sku: 'abc', quantity: 2 }),
      });
      expect(res.status).toBe(503);
      expect(inventory.store.available('abc')).toBe(3);
    } finally {
      await alone.close();
    }
  });

  it('payments failing: the circuit opens, later orders fail fast with 503, reservations are released', async () => {
    let charges = 0;
    const alone = await start({
      port: 0,
      inventoryUrl: inventory.url,
      paymentsUrl: payments.url,
      deps: {
        // The generated payments client over a payments that answers every charge with 500.
        payments: createPaymentsClient({
          baseUrl: payments.url,
          breaker: { failures: 1, halfOpenAfterMs: 60_000 },
          fetch: async () => {
            charges += 1;
            return new Response('{"title":"Boom","status":500}', {
              status: 500,
              headers: { 'content-type': 'application/problem+json' },
            });
          },
        }),
        log: (message) => logged.push(message),
      },
    });
    const order = () =>
      fetch(`${alone.url}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-user': 'alice' },
        body: JSON.stringify({ sku: 'abc', quantity: 2 }),
      });
    try {
      const first = await order();
      expect(first.status).toBe(503);
      expect(await first.json()).toEqual({
        type: 'https://shop.example/problems/dependency-unavailable',
        title: 'Service unavailable',
        status: 503,
        detail:
          'Failed to charge the order: because payments answered POST /charges with 500. Try again later.',
      });
      expect(alone.deps.payments.breaker.state).toBe('open');
      const second = await order();
      expect(second.status).toBe(503);
      expect(second.headers.get('retry-after')).toBe('1');
      expect(((await second.json()) as { detail: string }).detail).toBe(
        'Failed to charge the order: because payments is failing; the circuit is open. Try again later.',
      );
      expect(charges).toBe(1);
      expect(inventory.store.available('abc')).toBe(3);
      expect(logged).toEqual([]);
    } finally {
      await alone.close();
    }
  });
});
