import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { start } from '../src/server.js';

let payments: Awaited<ReturnType<typeof start>>;
beforeAll(async () => {
  payments = await start({ port: 0 });
});
afterAll(() => payments.close());
beforeEach(() => payments.store.reset());

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${payments.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('payments', () => {
  it('captures a charge up to 1000', async () => {
    const res = await post('/charges', { orderId: 'o-1', amount: 1000, currency: 'EUR' });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/charges/ch-1');
    expect(await res.json()).toEqual({
      id: 'ch-1',
      orderId: 'o-1',
      amount: 1000,
      currency: 'EUR',
      status: 'captured',
      refunded: 0,
    });
  });

  it('declines a charge above 1000 (still 201: the charge exists)', async () => {
    const res = await post('/charges', { orderId: 'o-2', amount: 1000.01, currency: 'EUR' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ id: 'ch-1', status: 'declined' });
  });

  it.each([
    ['no orderId', { amount: 5, currency: 'EUR' }],
    ['amount 0', { orderId: 'o-1', amount: 0, currency: 'EUR' }],
    ['a lower-case currency', { orderId: 'o-1', amount: 5, currency: 'eur' }],
  ])('rejects a charge with %s as a 422 problem', async (_name, body) => {
    const res = await post('/charges', body);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('GET /charges/{id} reads a charge back; an unknown one is 404', async () => {
    await post('/charges', { orderId: 'o-1', amount: 20, currency: 'EUR' });
    expect(await (await fetch(`${payments.url}/charges/ch-1`)).json()).toMatchObject({
      id: 'ch-1',
      amount: 20,
    });
    expect((await fetch(`${payments.url}/charges/ch-9`)).status).toBe(404);
  });

  it('refunds part, then the rest, then refuses more', async () => {
    await post('/charges', { orderId: 'o-1', amount: 100, currency: 'EUR' });
    const part = await post('/refunds', { chargeId: 'ch-1', amount: 30 });
    expect(part.status).toBe(201);
    expect(await part.json()).toEqual({
      id: 'rf-1',
      chargeId: 'ch-1',
      amount: 30,
      status: 'refunded',
    });
    const rest = await post('/refunds', { chargeId: 'ch-1' });
    expect(await rest.json()).toEqual({
      id: 'rf-2',
      chargeId: 'ch-1',
      amount: 70,
      status: 'refunded',
    });
    expect((await post('/refunds', { chargeId: 'ch-1', amount: 1 })).status).toBe(409);
    expect(await (await fetch(`${payments.url}/charges/ch-1`)).json()).toMatchObject({
      refunded: 100,
    });
  });

  it('cannot refund a declined or unknown charge', async () => {
    await post('/charges', { orderId: 'o-1', amount: 5000, currency: 'EUR' });
    expect((await post('/refunds', { chargeId: 'ch-1' })).status).toBe(409);
    expect((await post('/refunds', { chargeId: 'ch-7' })).status).toBe(404);
  });
});
