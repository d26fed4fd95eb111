import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../../src/adapters/http/start-mock.js';
import { openBrokerRegistry } from '../../src/adapters/registry/broker-registry.js';

// A Pact Broker stand-in: our own mock serving an OpenAPI description of the broker's HAL API
// (test/ci/fixtures/pact-broker.openapi.yaml). Request validation is on, so every request the
// client sends must be what the broker documents (bodies, required fields, auth header).
let mock: RunningMock;
let url: string;
const seen: string[] = [];

beforeAll(async () => {
  mock = await startMock({
    contracts: ['test/ci/fixtures/pact-broker.openapi.yaml'],
    port: 0,
    validateRequests: 'on',
    log: (line) => seen.push(line),
    warn: () => {},
  });
  url = mock.urls['pact-broker'] ?? mock.url;
});

afterAll(async () => {
  await mock.close();
});

function broker(headers: Record<string, string> = {}) {
  return openBrokerRegistry({ url, token: 't0ken', headers });
}

describe('Pact Broker client against a mock of the HAL API', () => {
  it('publishes pacts with POST /contracts/publish (base64 content, branch)', async () => {
    const pact = JSON.parse(
      await readFile('contracts/pacts/orders-inventory.json', 'utf8'),
    ) as unknown;
    const out = await broker().publish({
      pacts: [{ file: 'orders-inventory.json', pact }],
      consumerVersion: 'c1',
      branch: 'main',
    });
    expect(out).toEqual([
      {
        consumer: 'orders',
        provider: 'inventory',
        consumerVersion: 'c1',
        pactVersion: '1234567890abcdef',
      },
    ]);
    expect(seen.some((l) => /^POST \/contracts\/publish → 200/.test(l))).toBe(true);
  });

  it('records a deployment: environment name → uuid, then POST deployed-versions', async () => {
    const out = await broker().recordDeployment({
      pacticipant: 'inventory',
      version: 'p1',
      environment: 'production',
    });
    expect(out).toEqual({
      pacticipant: 'inventory',
      version: 'p1',
      environment: 'production',
      deployedAt: '2024-01-02T03:04:05+00:00',
    });
    await expect(
      broker().recordDeployment({
        pacticipant: 'inventory',
        version: 'p1',
        environment: 'staging',
      }),
    ).rejects.toThrow(
      /^Failed to find environment "staging" in the broker: because it is not among production, test\./,
    );
  });

  it('publishes a verification result through the pact resource link', async () => {
    const out = await broker().recordVerification({
      provider: 'inventory',
      providerVersion: 'p1',
      consumer: 'orders',
      consumerVersion: 'c1',
      success: true,
    });
    expect(out).toEqual({
      provider: 'inventory',
      providerVersion: 'p1',
      consumer: 'orders',
      success: true,
    });
    expect(
      seen.some((l) =>
        /^POST \/pacts\/provider\/inventory\/consumer\/orders\/pact-version\/1234567890abcdef\/verification-results → 201/.test(
          l,
        ),
      ),
    ).toBe(true);
  });

  it('fetches the pacts for verification (POST for-verification, then each pact)', async () => {
    const pacts = await broker().pactsForVerification('inventory');
    expect(pacts.map((p) => [p.consumer, p.provider, p.consumerVersion])).toEqual([
      ['orders', 'inventory', 'c1'],
    ]);
  });

  it('asks can-i-deploy and reports yes, and no with the reason', async () => {
    const query = { pacticipant: 'inventory', version: 'p1', environment: 'production' };
    const yes = await broker({ prefer: 'example=deployable' }).canIDeploy(query);
    expect(yes.deployable).toBe(true);
    expect(yes.rows).toEqual([
      {
        consumer: 'orders',
        consumerVersion: 'c1',
        provider: 'inventory',
        providerVersion: 'p1',
        verified: true,
        ok: true,
        reason: 'verified successfully',
      },
    ]);
    const no = await broker({ prefer: 'example=notDeployable' }).canIDeploy({
      ...query,
      version: 'p2',
    });
    expect(no.deployable).toBe(false);
    expect(no.reason).toBe(
      'The verification for the pact between the version of orders currently in production (c0) and version p2 of inventory failed',
    );
  });

  it('sends no request the broker would refuse: a missing credential is a 401 with our error', async () => {
    const anonymous = openBrokerRegistry({ url });
    await expect(
      anonymous.canIDeploy({ pacticipant: 'a', version: '1', environment: 'test' }),
    ).rejects.toThrow(
      /answered 401 .*Check --broker-token or --broker-username\/--broker-password\./,
    );
  });
});
