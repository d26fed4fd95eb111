// The whole shop in-process, wired together, driven through the gateway the way a client would.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Shop, startShop } from './in-process-shop.js';

let shop: Shop;
let clock = 0;
beforeAll(async () => {
  // A frozen clock: the bucket never refills, so the rate-limit test is exact.
  shop = await startShop({
    rateLimit: { burst: 20, perSecond: 1, now: () => clock },
    timeoutMs: 10_000, // generous: 2-core CI machines run other suites alongside
  });
});
afterAll(() => shop.close());
beforeEach(() => {
  clock += 3_600_000; // an hour later: every bucket is full again
  shop.inventory.store.seed({ abc: 3, def: 10, 'sold-out': 0 });
});

function api(path: string, token: string | undefined, init: RequestInit = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return fetch(`${shop.gateway.url}${path}`, {
    ...init,
    headers: { ...headers, ...(init.headers as Record<string, string>) },
  });
}

async function until<T>(probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting.');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the shop through its gateway', () => {
  it('every service is healthy', async () => {
    for (const name of ['gateway', 'orders', 'inventory', 'payments', 'notifications'] as const) {
      const res = await fetch(`${shop[name].url}/health`);
      expect([name, await res.json()]).toEqual([name, { status: 'ok' }]);
    }
  });

  it('places an order end to end, then reads it, its summary, and the notification', async () => {
    const placed = await api('/api/orders', 'token-alice', {
      method: 'POST',
      body: JSON.stringify({ sku: 'abc', quantity: 2, note: 'leave at the door' }),
    });
    expect(placed.status).toBe(201);
    const order = (await placed.json()) as { id: string; user: string; sku: string };
    expect(order).toMatchObject({
      user: 'alice',
      sku: 'abc',
      quantity: 2,
      amount: 800,
      note: 'leave at the door',
    });
    expect(placed.headers.get('location')).toBe(`/orders/${order.id}`);

    const read = await api(`/api/orders/${order.id}`, 'token-alice');
    expect(await read.json()).toEqual(order);

    const summary = await api(`/api/orders/${order.id}/summary`, 'token-alice');
    expect(await summary.json()).toEqual({ order, stock: { sku: 'abc', available: 1 } });

    const stock = await api('/api/inventory/stock/abc', 'token-alice');
    expect(await stock.json()).toEqual({ sku: 'abc', available: 1 });

    const notified = await until(async () => {
      const list = shop.notifications.store.list('alice');
      return list.some((n) => n.orderId === order.id) ? list : undefined;
    });
    expect(notified.find((n) => n.orderId === order.id)?.message).toBe(
      `Order ${order.id} placed: 2 × abc for 800 EUR.`,
    );
  });

  it('without a valid token: 401 with WWW-Authenticate, nothing forwarded', async () => {
    for (const token of [undefined, 'token-mallory']) {
      const res = await api('/api/orders', token);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="shop"');
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('ignores a forged X-User: the token decides who you are', async () => {
    const placed = await api('/api/orders', 'token-bob', {
      method: 'POST',
      headers: { 'x-user': 'alice' },
      body: JSON.stringify({ sku: 'def', quantity: 1 }),
    });
    const order = (await placed.json()) as { id: string; user: string };
    expect(order.user).toBe('bob');
    expect((await api(`/api/orders/${order.id}`, 'token-alice')).status).toBe(404);
    expect((await api(`/api/orders/${order.id}/summary`, 'token-alice')).status).toBe(404);
  });

  it('rate-limits per user with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push((await api('/api/inventory/stock/def', 'token-carol')).status);
    expect(statuses).toEqual([...Array<number>(20).fill(200), 429]);
    const limited = await api('/api/inventory/stock/def', 'token-carol');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await api('/api/inventory/stock/def', 'token-bob')).status).toBe(200);
  });

  it('a declined payment releases the reservation', async () => {
    const res = await api('/api/orders', 'token-alice', {
      method: 'POST',
      body: JSON.stringify({ sku: 'abc', quantity: 3 }),
    });
    expect(res.status).toBe(402);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await (await api('/api/inventory/stock/abc', 'token-alice')).json()).toEqual({
      sku: 'abc',
      available: 3,
    });
  });

  it('inventory is read-only through the gateway', async () => {
    const res = await api('/api/inventory/reservations', 'token-alice', {
      method: 'POST',
      body: JSON.stringify({ sku: 'abc', quantity: 1, orderId: 'x' }),
    });
    expect(res.status).toBe(405);
    expect(shop.inventory.store.available('abc')).toBe(3);
  });
});
