// Pact verification of the example system's providers through pact-js's Verifier (the real Pact
// core), and of a deliberately broken inventory that it must catch.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toVerifierOptions, verifyPacts } from '../../src/adapters/pact/verify-pacts.js';
import type { InteractionResult } from '../../src/verify/pact/types.js';
import { type BrokenInventory, startBrokenInventory } from './fixtures/broken-inventory.js';

const statuses = (list: InteractionResult[]) =>
  list.map((i) => [i.consumer, i.description, i.status]);

describe('verifyPacts on the example providers', () => {
  it('verifies inventory against the orders pact, with states from its TypeScript module', async () => {
    const seen: string[] = [];
    const report = await verifyPacts({
      provider: 'inventory',
      pacts: ['contracts/pacts/orders-inventory.json'],
      statesModule: 'examples/shop/inventory/test/provider/states.ts',
      onInteraction: (r, i, total) => seen.push(`${i + 1}/${total} ${r.status}`),
    });
    expect(statuses(report.interactions)).toEqual([
      ['orders', 'a request to release reservation r-1', 'passed'],
      ['orders', 'a request to release reservation r-9', 'passed'],
      ['orders', 'a request to reserve 1 unit of sold-out', 'passed'],
      ['orders', 'a request to reserve 2 units of abc', 'passed'],
    ]);
    expect(report.passed).toBe(true);
    expect(report.diagnostics).toEqual([]);
    expect(seen).toEqual(['1/4 passed', '2/4 passed', '3/4 passed', '4/4 passed']);
  });

  it('verifies payments against the orders pact', async () => {
    const report = await verifyPacts({
      provider: 'payments',
      pacts: ['contracts/pacts/orders-payments.json'],
      statesModule: 'examples/shop/payments/test/provider/states.ts',
    });
    expect(statuses(report.interactions)).toEqual([
      ['orders', 'a charge of 1200 EUR for an order', 'passed'],
      ['orders', 'a charge of 800 EUR for an order', 'passed'],
    ]);
    expect(report.passed).toBe(true);
  });

  it('verifies orders against the gateway HTTP pact and the notifications message pact in one run', async () => {
    const report = await verifyPacts({
      provider: 'orders',
      pacts: ['contracts/pacts/gateway-orders.json', 'contracts/pacts/notifications-orders.json'],
      statesModule: 'examples/shop/orders/test/provider/states.ts',
    });
    expect(statuses(report.interactions)).toEqual([
      ['gateway', 'a request for order o-1 by alice', 'passed'],
      ['gateway', 'a request for order o-1 by bob', 'passed'],
      ['gateway', 'alice places an order for 2 units of abc', 'passed'],
      ['notifications', 'an OrderPlaced event', 'passed'],
    ]);
    expect(report.passed).toBe(true);
  });

  it('catches a message provider that breaks the OrderPlaced contract', async () => {
    const report = await verifyPacts({
      provider: 'orders',
      pacts: ['contracts/pacts/notifications-orders.json'],
      states: { 'an order o-1 was placed by alice': () => {} },
      messages: {
        'an OrderPlaced event': {
          metadata: { contentType: 'application/json', 'x-event-type': 'OrderPlaced' },
          // quantity as a string: the regression a refactoring could introduce.
          build: () => ({
            type: 'OrderPlaced',
            orderId: 'o-1',
            user: 'alice',
            sku: 'abc',
            quantity: '2',
            amount: 800,
            currency: 'EUR',
            placedAt: '2026-01-01T12:00:00.000Z',
          }),
        },
      },
    });
    expect(report.passed).toBe(false);
    expect(report.interactions[0]?.status).toBe('failed');
    expect(report.interactions[0]?.mismatches.map((m) => [m.type, m.path])).toEqual([
      ['BodyMismatch', '$.quantity'],
    ]);
  });
});

describe('verifyPacts on a broken inventory', () => {
  let broken: BrokenInventory;
  let dir: string;
  beforeAll(async () => {
    broken = await startBrokenInventory();
    dir = await mkdtemp(join(tmpdir(), 'gauntlet-verify-'));
  });
  afterAll(async () => {
    await broken.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('names the failing interactions and the core mismatch of each', async () => {
    const report = await verifyPacts({
      provider: 'inventory',
      baseUrl: broken.url,
      pacts: ['contracts/pacts/orders-inventory.json'],
      headers: { Authorization: 'Bearer test-token' },
    });
    expect(report.passed).toBe(false);
    expect(
      report.interactions.map((i) => [
        i.description,
        i.status,
        i.mismatches.map((m) => [m.type, m.path ?? null, m.expected, m.actual]),
      ]),
    ).toEqual([
      ['a request to release reservation r-1', 'failed', [['StatusMismatch', null, 204, 500]]],
      ['a request to release reservation r-9', 'failed', [['StatusMismatch', null, 404, 500]]],
      [
        'a request to reserve 1 unit of sold-out',
        'failed',
        [['BodyMismatch', '$', '["detail","status","title"]', '["status","title"]']],
      ],
      [
        'a request to reserve 2 units of abc',
        'failed',
        [['BodyMismatch', '$.quantity', '2', '"2"']],
      ],
    ]);
    // No states module was given: every state the pact uses is reported missing.
    expect(report.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['verify.pact.state.missing', 'warning'],
      ['verify.pact.state.missing', 'warning'],
      ['verify.pact.state.missing', 'warning'],
      ['verify.pact.state.missing', 'warning'],
    ]);
    // The request filter injected the header into every request the core sent.
    expect(broken.authorizations.length).toBeGreaterThanOrEqual(4);
    expect(new Set(broken.authorizations)).toEqual(new Set(['Bearer test-token']));
  });

  it('reports failures of pending interactions as pending, without failing the run', async () => {
    const pact = JSON.parse(await readFile('contracts/pacts/orders-inventory.json', 'utf8')) as {
      interactions: Array<Record<string, unknown>>;
    };
    for (const interaction of pact.interactions) interaction.pending = true;
    const file = join(dir, 'orders-inventory-pending.json');
    await writeFile(file, JSON.stringify(pact));
    const report = await verifyPacts({ provider: 'inventory', baseUrl: broken.url, pacts: [file] });
    expect(report.interactions.map((i) => i.status)).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    expect(report.passed).toBe(true);
  });
});

describe('toVerifierOptions', () => {
  it('maps broker, pending, WIP and publishing options onto pact-js', async () => {
    const config = await toVerifierOptions(
      {
        provider: 'inventory',
        broker: {
          url: 'https://broker.example',
          token: 't0k',
          enablePending: true,
          includeWipPactsSince: '2024-01-01',
          providerBranch: 'main',
          consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
        },
        publish: { providerVersion: '1.2.3' },
        timeoutMs: 5000,
      },
      {},
      'http://127.0.0.1:1',
    );
    const { stateHandlers, ...rest } = config;
    expect(stateHandlers).toEqual({});
    expect(rest).toEqual({
      provider: 'inventory',
      logLevel: 'error',
      failIfNoPactsFound: false,
      providerBaseUrl: 'http://127.0.0.1:1',
      timeout: 5000,
      pactBrokerUrl: 'https://broker.example',
      pactBrokerToken: 't0k',
      consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
      enablePending: true,
      includeWipPactsSince: '2024-01-01',
      providerVersionBranch: 'main',
      publishVerificationResult: true,
      providerVersion: '1.2.3',
    });
  });

  it('refuses to run without pacts or a broker', async () => {
    await expect(
      verifyPacts({ provider: 'x', baseUrl: 'http://127.0.0.1:1' }),
    ).rejects.toMatchObject({
      code: 'GAUNTLET_E_USAGE',
    });
  });
});
