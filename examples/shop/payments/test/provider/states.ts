/**
 * Provider states for payments, for `gauntlet verify pact --provider payments --states <this>`.
 * The orders → payments pact needs no named state: each interaction starts from no charges.
 */
import { defineProviderStates, type ProviderStates } from 'gauntlet';
import { start } from '../../src/server.js';
import { type Charge, createPaymentsStore, type PaymentsStore } from '../../src/store.js';

export function paymentsStates(store: () => PaymentsStore): {
  states: ProviderStates;
  beforeEach: () => void;
} {
  return {
    beforeEach: () => store().reset(),
    states: {
      // Not used by today's pacts; kept for consumers that refund a known charge.
      'charge ch-1 exists': (params) => {
        const charge: Charge = {
          id: String(params.id ?? 'ch-1'),
          orderId: String(params.orderId ?? 'o-1'),
          amount: Number(params.amount ?? 800),
          currency: String(params.currency ?? 'EUR'),
          status: 'captured',
          refunded: 0,
        };
        store().seedCharge(charge);
      },
    },
  };
}

const store = createPaymentsStore();

export const { states, beforeEach } = defineProviderStates(paymentsStates(() => store));

export async function startProvider(): Promise<{ url: string; close(): Promise<void> }> {
  const running = await start({ port: 0, host: '127.0.0.1', store });
  return { url: running.url, close: running.close };
}
