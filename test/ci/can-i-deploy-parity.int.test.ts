// can-i-deploy must give the same verdict through the embedded registry and through a Pact
// Broker on the same data, `deployingWith` (a release of several services at once) included.
// No real broker is installed here (it needs Ruby and a database), so the broker is a small
// stand-in (test/ci/fake-pact-broker.ts) implementing the broker's documented matrix rules on
// its own; both registries are fed through the same Registry calls.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrokerRegistry } from '../../src/adapters/registry/broker-registry.js';
import { openFileRegistry } from '../../src/adapters/registry/file-registry.js';
import type { Registry } from '../../src/adapters/registry/registry.js';
import type { CanIDeployQuery, CanIDeployResult } from '../../src/registry/types.js';
import { type FakeBroker, startFakeBroker } from './fake-pact-broker.js';

const pact = (version: number) => ({
  consumer: { name: 'orders' },
  provider: { name: 'inventory' },
  interactions: Array.from({ length: version }, (_, i) => ({
    description: `request ${i + 1}`,
    request: { method: 'GET', path: `/stock/${i + 1}` },
    response: { status: 200 },
  })),
  metadata: { pactSpecification: { version: '3.0.0' } },
});

/**
 * orders v1 and inventory p1 run in production; orders v2 changed its pact, which inventory p1
 * never verified and inventory p2 did; p2 failed orders v1's pact. Alone, neither new version
 * may go; together (deployingWith), both may.
 */
async function feed(registry: Registry): Promise<void> {
  await registry.publish({ pacts: [{ file: 'v1.json', pact: pact(1) }], consumerVersion: 'v1' });
  await registry.publish({ pacts: [{ file: 'v2.json', pact: pact(2) }], consumerVersion: 'v2' });
  const verify = (providerVersion: string, consumerVersion: string, success: boolean) =>
    registry.recordVerification({
      provider: 'inventory',
      providerVersion,
      consumer: 'orders',
      consumerVersion,
      success,
    });
  await verify('p1', 'v1', true);
  await verify('p2', 'v2', true);
  await verify('p2', 'v1', false);
  for (const [pacticipant, version] of [
    ['inventory', 'p1'],
    ['orders', 'v1'],
  ] as const) {
    await registry.recordDeployment({ pacticipant, version, environment: 'production' });
  }
}

/** What must agree: the verdict, and each matrix row's versions and verification result. */
function essence(result: CanIDeployResult) {
  return {
    deployable: result.deployable,
    rows: result.rows
      .map(
        (r) =>
          `${r.consumer}@${r.consumerVersion} → ${r.provider}@${r.providerVersion ?? '-'}: ${r.verified}`,
      )
      .sort(),
  };
}

let dir: string;
let broker: FakeBroker;
let file: Registry;
let remote: Registry;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gauntlet-parity-'));
  broker = await startFakeBroker();
  file = openFileRegistry(dir);
  remote = openBrokerRegistry({ url: broker.url, token: 't0ken' });
  await feed(file);
  await feed(remote);
});
afterAll(async () => {
  await broker?.close();
  await rm(dir, { recursive: true, force: true });
});

const QUERIES: Array<[string, CanIDeployQuery, boolean]> = [
  [
    'orders v1, already there',
    { pacticipant: 'orders', version: 'v1', environment: 'production' },
    true,
  ],
  ['orders v2 alone', { pacticipant: 'orders', version: 'v2', environment: 'production' }, false],
  [
    'inventory p2 alone',
    { pacticipant: 'inventory', version: 'p2', environment: 'production' },
    false,
  ],
  [
    'orders v2 with inventory p2',
    {
      pacticipant: 'orders',
      version: 'v2',
      environment: 'production',
      deployingWith: [{ pacticipant: 'inventory', version: 'p2' }],
    },
    true,
  ],
  [
    'inventory p2 with orders v2',
    {
      pacticipant: 'inventory',
      version: 'p2',
      environment: 'production',
      deployingWith: [{ pacticipant: 'orders', version: 'v2' }],
    },
    true,
  ],
  [
    'orders v2 with inventory p1 (what runs already)',
    {
      pacticipant: 'orders',
      version: 'v2',
      environment: 'production',
      deployingWith: [{ pacticipant: 'inventory', version: 'p1' }],
    },
    false,
  ],
];

describe('can-i-deploy: the embedded registry and a Pact Broker agree on the same data', () => {
  for (const [title, query, expected] of QUERIES) {
    it(`${title}: ${expected ? 'yes' : 'no'} from both`, async () => {
      const embedded = essence(await file.canIDeploy(query));
      const fromBroker = essence(await remote.canIDeploy(query));
      expect(embedded.deployable).toBe(expected);
      expect(fromBroker).toEqual(embedded);
    });
  }

  it('asks the broker about every version of the release in one matrix query', async () => {
    const asked = broker.requests.filter((r) => r.startsWith('GET /matrix'));
    expect(asked.length).toBeGreaterThan(0);
    const query = new URL(`http://x${asked[0]!.slice('GET '.length)}`).searchParams;
    expect([...query]).toEqual([
      ['q[][pacticipant]', 'orders'],
      ['q[][version]', 'v2'],
      ['q[][pacticipant]', 'inventory'],
      ['q[][version]', 'p2'],
      ['latestby', 'cvpv'],
      ['environment', 'production'],
    ]);
  });
});
