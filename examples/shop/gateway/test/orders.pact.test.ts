// Consumer pact gateway → orders: the summary's orders client, and the proxy for POST /api/orders.
import { fileURLToPath } from 'node:url';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { createOrdersClient } from '../src/clients/orders.js';
import { start } from '../src/server.js';

const { like, string, integer, regex, datetime } = MatchersV3;

const pact = new PactV4({
  consumer: 'gateway',
  provider: 'orders',
  // PACT_DIR lets scripts/check-pacts.ts regenerate into a temp folder and compare.
  dir:
    process.env.PACT_DIR ?? fileURLToPath(new URL('../../../../contracts/pacts', import.meta.url)),
  logLevel: 'error',
});

/** See orders/test/inventory.pact.test.ts: jsonBody() would record the body as application/json. */
function problemBody<B extends object>(builder: B, body: unknown): B {
  const { interaction } = builder as unknown as {
    interaction: { withResponseBody(body: string, contentType: string): void };
  };
  interaction.withResponseBody(JSON.stringify(body), 'application/problem+json');
  return builder;
}

const policy = { timeoutMs: 5_000, retry: false, breaker: false } as const;

const anOrder = (id: string, user: string, quantity: number, amount: number) => ({
  id: string(id),
  user,
  sku: 'abc',
  quantity: integer(quantity),
  amount: MatchersV3.number(amount),
  currency: regex('^[A-Z]{3}$', 'EUR'),
  status: 'confirmed',
  reservationId: string('r-1'),
  chargeId: string('ch-1'),
  note: null,
  placedAt: datetime("yyyy-MM-dd'T'HH:mm:ss.SSSX", '2026-01-01T12:00:00.000Z'),
});

describe('gateway → orders', () => {
  it('reads an order for its owner', async () => {
    await pact
      .addInteraction()
      .given('order o-1 exists for alice', { id: 'o-1', user: 'alice', sku: 'abc', quantity: 2 })
      .uponReceiving('a request for order o-1 by alice')
      .withRequest('GET', '/orders/o-1', (builder) => builder.headers({ 'X-User': 'alice' }))
      .willRespondWith(200, (builder) => builder.jsonBody(anOrder('o-1', 'alice', 2, 800)))
      .executeTest(async (server) => {
        const result = await createOrdersClient(server.url, policy).getOrder('o-1', 'alice');
        expect(result).toEqual({
          found: true,
          order: {
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
          },
        });
      });
  });

  it("does not show alice's order to bob", async () => {
    await pact
      .addInteraction()
      .given('order o-1 exists for alice', { id: 'o-1', user: 'alice', sku: 'abc', quantity: 2 })
      .uponReceiving('a request for order o-1 by bob')
      .withRequest('GET', '/orders/o-1', (builder) => builder.headers({ 'X-User': 'bob' }))
      .willRespondWith(404, (builder) =>
        problemBody(builder, like({ title: 'Order not found', status: integer(404) })),
      )
      .executeTest(async (server) => {
        const result = await createOrdersClient(server.url, policy).getOrder('o-1', 'bob');
        expect(result).toMatchObject({
          found: false,
          status: 404,
          contentType: 'application/problem+json',
        });
      });
  });

  it('forwards a placed order with the X-User of the bearer token', async () => {
    await pact
      .addInteraction()
      .given('SKU abc has 3 in stock', { sku: 'abc', available: 3 })
      .uponReceiving('alice places an order for 2 units of abc')
      .withRequest('POST', '/orders', (builder) =>
        builder
          .headers({ 'X-User': 'alice', 'Content-Type': 'application/json' })
          .jsonBody({ sku: 'abc', quantity: 2 }),
      )
      .willRespondWith(201, (builder) =>
        builder
          .headers({ Location: regex('^/orders/[^/]+$', '/orders/o-1') })
          .jsonBody(anOrder('o-1', 'alice', 2, 800)),
      )
      .executeTest(async (server) => {
        // The real gateway, in-process, with orders replaced by the pact mock server.
        const gateway = await start({
          port: 0,
          ordersUrl: server.url,
          inventoryUrl: 'http://127.0.0.1:9',
          timeoutMs: 5_000,
        });
        try {
          const res = await fetch(`${gateway.url}/api/orders`, {
            method: 'POST',
            headers: { authorization: 'Bearer token-alice', 'content-type': 'application/json' },
            body: JSON.stringify({ sku: 'abc', quantity: 2 }),
          });
          expect(res.status).toBe(201);
          expect(res.headers.get('location')).toBe('/orders/o-1');
          expect(await res.json()).toMatchObject({ id: 'o-1', user: 'alice', amount: 800 });
        } finally {
          await gateway.close();
        }
      });
  });
});
