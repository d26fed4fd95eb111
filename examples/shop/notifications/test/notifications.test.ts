import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { start } from '../src/server.js';

let notifications: Awaited<ReturnType<typeof start>>;
beforeAll(async () => {
  notifications = await start({ port: 0 });
});
afterAll(() => notifications.close());
beforeEach(() => notifications.store.reset());

const event = {
  type: 'OrderPlaced',
  orderId: 'o-1',
  user: 'alice',
  sku: 'abc',
  quantity: 2,
  amount: 800,
  currency: 'EUR',
  placedAt: '2026-01-01T12:00:00.000Z',
};

function deliver(body: unknown): Promise<Response> {
  return fetch(`${notifications.url}/webhooks/order-placed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('notifications', () => {
  it('stores an OrderPlaced webhook once, even when redelivered', async () => {
    const first = await deliver(event);
    expect(first.status).toBe(202);
    await deliver(event);
    const res = await fetch(`${notifications.url}/notifications`);
    expect(await res.json()).toEqual({
      notifications: [
        {
          id: 'n-1',
          type: 'OrderPlaced',
          orderId: 'o-1',
          user: 'alice',
          message: 'Order o-1 placed: 2 × abc for 800 EUR.',
        },
      ],
    });
  });

  it('filters by user', async () => {
    await deliver(event);
    await deliver({ ...event, orderId: 'o-2', user: 'bob' });
    const res = await fetch(`${notifications.url}/notifications?user=bob`);
    const body = (await res.json()) as { notifications: { orderId: string }[] };
    expect(body.notifications.map((n) => n.orderId)).toEqual(['o-2']);
  });

  it.each([
    ['another event type', { ...event, type: 'OrderShipped' }],
    ['a missing orderId', { ...event, orderId: undefined }],
    ['quantity 0', { ...event, quantity: 0 }],
    ['a placedAt that is no date', { ...event, placedAt: 'yesterday' }],
  ])('rejects %s with a 422 problem', async (_name, body) => {
    const res = await deliver(body);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});
