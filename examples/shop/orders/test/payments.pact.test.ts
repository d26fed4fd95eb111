// Consumer pact orders → payments, driven through orders' real payments client.
import { fileURLToPath } from 'node:url';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { createPaymentsClient } from '../src/clients/payments.js';

const { string, number, regex } = MatchersV3;

const pact = new PactV4({
  consumer: 'orders',
  provider: 'payments',
  // PACT_DIR lets scripts/check-pacts.ts regenerate into a temp folder and compare.
  dir:
    process.env.PACT_DIR ?? fileURLToPath(new URL('../../../../contracts/pacts', import.meta.url)),
  logLevel: 'error',
});

const client = (url: string) =>
  createPaymentsClient({ baseUrl: url, retries: 0, timeoutMs: 5_000 });

describe('orders → payments', () => {
  it('charges an order within the limit: captured', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a charge of 800 EUR for an order')
      .withRequest('POST', '/charges', (builder) =>
        builder
          .headers({ 'Content-Type': 'application/json' })
          .jsonBody({ orderId: string('o-1'), amount: 800, currency: 'EUR' }),
      )
      .willRespondWith(201, (builder) =>
        builder.jsonBody({
          id: string('ch-1'),
          orderId: string('o-1'),
          amount: number(800),
          currency: regex('^[A-Z]{3}$', 'EUR'),
          status: 'captured',
        }),
      )
      .executeTest(async (server) => {
        const charge = await client(server.url).charge({
          orderId: 'o-1',
          amount: 800,
          currency: 'EUR',
        });
        expect(charge).toEqual({
          id: 'ch-1',
          orderId: 'o-1',
          amount: 800,
          currency: 'EUR',
          status: 'captured',
        });
      });
  });

  it('charges an order above the limit: declined, still 201', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a charge of 1200 EUR for an order')
      .withRequest('POST', '/charges', (builder) =>
        builder
          .headers({ 'Content-Type': 'application/json' })
          .jsonBody({ orderId: string('o-2'), amount: 1200, currency: 'EUR' }),
      )
      .willRespondWith(201, (builder) =>
        builder.jsonBody({
          id: string('ch-2'),
          orderId: string('o-2'),
          amount: number(1200),
          currency: regex('^[A-Z]{3}$', 'EUR'),
          status: 'declined',
        }),
      )
      .executeTest(async (server) => {
        const charge = await client(server.url).charge({
          orderId: 'o-2',
          amount: 1200,
          currency: 'EUR',
        });
        expect(charge.status).toBe('declined');
      });
  });
});
