// Consumer pact orders → inventory, driven through orders' real inventory client.
import { fileURLToPath } from 'node:url';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { createInventoryClient } from '../src/clients/inventory.js';

const { like, string, integer } = MatchersV3;

const pact = new PactV4({
  consumer: 'orders',
  provider: 'inventory',
  // PACT_DIR lets scripts/check-pacts.ts regenerate into a temp folder and compare.
  dir:
    process.env.PACT_DIR ?? fileURLToPath(new URL('../../../../contracts/pacts', import.meta.url)),
  logLevel: 'error',
});

/**
 * pact-js 16's jsonBody() records every body as application/json even when the Content-Type
 * header says application/problem+json; the FFI call underneath takes the real type, and still
 * applies matchers to any JSON type.
 */
function problemBody<B extends object>(builder: B, body: unknown): B {
  const { interaction } = builder as unknown as {
    interaction: { withResponseBody(body: string, contentType: string): void };
  };
  interaction.withResponseBody(JSON.stringify(body), 'application/problem+json');
  return builder;
}

// No retries and a fresh breaker per test: each interaction must be hit exactly once.
const client = (url: string) =>
  createInventoryClient({ baseUrl: url, retries: 0, timeoutMs: 5_000 });

describe('orders → inventory', () => {
  it('reserves stock that is there', async () => {
    await pact
      .addInteraction()
      .given('SKU abc has 3 in stock', { sku: 'abc', available: 3 })
      .uponReceiving('a request to reserve 2 units of abc')
      .withRequest('POST', '/reservations', (builder) =>
        builder
          .headers({ 'Content-Type': 'application/json' })
          .jsonBody({ sku: 'abc', quantity: 2, orderId: string('o-1') }),
      )
      .willRespondWith(201, (builder) =>
        builder.jsonBody({
          id: string('r-1'),
          sku: 'abc',
          quantity: 2,
          orderId: string('o-1'),
        }),
      )
      .executeTest(async (server) => {
        const result = await client(server.url).reserve({
          sku: 'abc',
          quantity: 2,
          orderId: 'o-1',
        });
        expect(result).toEqual({
          ok: true,
          reservation: { id: 'r-1', sku: 'abc', quantity: 2, orderId: 'o-1' },
        });
      });
  });

  it('is told when there is not enough stock', async () => {
    await pact
      .addInteraction()
      .given('SKU sold-out has 0 in stock', { sku: 'sold-out', available: 0 })
      .uponReceiving('a request to reserve 1 unit of sold-out')
      .withRequest('POST', '/reservations', (builder) =>
        builder
          .headers({ 'Content-Type': 'application/json' })
          .jsonBody({ sku: 'sold-out', quantity: 1, orderId: string('o-2') }),
      )
      .willRespondWith(409, (builder) =>
        problemBody(builder, {
          title: string('Not enough stock'),
          status: 409,
          detail: string("Requested 1 of 'sold-out', 0 available."),
        }),
      )
      .executeTest(async (server) => {
        const result = await client(server.url).reserve({
          sku: 'sold-out',
          quantity: 1,
          orderId: 'o-2',
        });
        expect(result).toEqual({
          ok: false,
          reason: 'insufficient-stock',
          detail: "Requested 1 of 'sold-out', 0 available.",
        });
      });
  });

  it('releases a reservation', async () => {
    await pact
      .addInteraction()
      .given('reservation r-1 exists', { id: 'r-1', sku: 'abc', quantity: 2, orderId: 'o-1' })
      .uponReceiving('a request to release reservation r-1')
      .withRequest('DELETE', '/reservations/r-1')
      .willRespondWith(204)
      .executeTest(async (server) => {
        expect(await client(server.url).release('r-1')).toBe(true);
      });
  });

  it('is told when a reservation to release does not exist', async () => {
    await pact
      .addInteraction()
      .given('reservation r-9 does not exist', { id: 'r-9' })
      .uponReceiving('a request to release reservation r-9')
      .withRequest('DELETE', '/reservations/r-9')
      .willRespondWith(404, (builder) =>
        problemBody(builder, like({ title: 'Unknown reservation', status: integer(404) })),
      )
      .executeTest(async (server) => {
        expect(await client(server.url).release('r-9')).toBe(false);
      });
  });
});
