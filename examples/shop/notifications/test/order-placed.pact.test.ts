// Message pact notifications ← orders: the OrderPlaced event, handled by notifications' real handler.
import { fileURLToPath } from 'node:url';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { receiveOrderPlaced } from '../src/order-placed.js';
import { createNotificationStore } from '../src/store.js';

const { string, integer, number, regex, datetime } = MatchersV3;

const pact = new PactV4({
  consumer: 'notifications',
  provider: 'orders',
  // PACT_DIR lets scripts/check-pacts.ts regenerate into a temp folder and compare.
  dir:
    process.env.PACT_DIR ?? fileURLToPath(new URL('../../../../contracts/pacts', import.meta.url)),
  logLevel: 'error',
});

describe('notifications ← orders (OrderPlaced)', () => {
  it('records a notification for an OrderPlaced event', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('an order o-1 was placed by alice', { orderId: 'o-1', user: 'alice' })
      .expectsToReceive('an OrderPlaced event', (builder) =>
        builder
          .withJSONContent({
            type: 'OrderPlaced',
            orderId: string('o-1'),
            user: string('alice'),
            sku: string('abc'),
            quantity: integer(2),
            amount: number(800),
            currency: regex('^[A-Z]{3}$', 'EUR'),
            placedAt: datetime("yyyy-MM-dd'T'HH:mm:ss.SSSX", '2026-01-01T12:00:00.000Z'),
          })
          .withMetadata({ contentType: 'application/json', 'x-event-type': 'OrderPlaced' }),
      )
      .executeTest(async (message) => {
        const store = createNotificationStore();
        const notification = receiveOrderPlaced(store, message.contents.content);
        expect(notification).toEqual({
          id: 'n-1',
          type: 'OrderPlaced',
          orderId: 'o-1',
          user: 'alice',
          message: 'Order o-1 placed: 2 × abc for 800 EUR.',
        });
        expect(store.list('alice')).toEqual([notification]);
      });
  });
});
