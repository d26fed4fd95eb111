import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFileRegistry, pactContentHash } from './file-registry.js';
import { recordVerification } from './registry.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gauntlet-registry-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function pact(file: string): Promise<{ file: string; pact: unknown }> {
  return { file, pact: JSON.parse(await readFile(file, 'utf8')) };
}

describe('file registry + can-i-deploy', () => {
  it('says no with the reason until the pact is verified by the deployed provider, then yes', async () => {
    const registry = openFileRegistry(dir);
    await registry.publish({
      pacts: [await pact('contracts/pacts/orders-inventory.json')],
      consumerVersion: 'c1',
      branch: 'main',
    });
    const query = { pacticipant: 'orders', version: 'c1', environment: 'production' };

    let answer = await registry.canIDeploy(query);
    expect(answer.deployable).toBe(false);
    expect(answer.reason).toBe(
      'inventory has no version deployed to production: deploy inventory first (a missing dependency)',
    );

    // The provider has no consumers in production yet, so it may go first.
    await recordVerification(registry, {
      provider: 'inventory',
      providerVersion: 'p1',
      consumer: 'orders',
      consumerVersion: 'c1',
      success: false,
    });
    expect(
      (
        await registry.canIDeploy({
          pacticipant: 'inventory',
          version: 'p1',
          environment: 'production',
        })
      ).deployable,
    ).toBe(true);
    await registry.recordDeployment({
      pacticipant: 'inventory',
      version: 'p1',
      environment: 'production',
    });

    answer = await registry.canIDeploy(query);
    expect(answer.deployable).toBe(false);
    expect(answer.rows.map((r) => [r.provider, r.providerVersion, r.verified, r.ok])).toEqual([
      ['inventory', 'p1', false, false],
    ]);
    expect(answer.reason).toMatch(
      /^the pact between orders c1 and inventory p1 failed verification \(/,
    );

    await recordVerification(registry, {
      provider: 'inventory',
      providerVersion: 'p1',
      consumer: 'orders',
      consumerVersion: 'c1',
      success: true,
    });
    answer = await registry.canIDeploy(query);
    expect(answer).toEqual({
      deployable: true,
      reason: 'all 1 required verification result(s) are published and successful',
      rows: [
        expect.objectContaining({
          consumer: 'orders',
          provider: 'inventory',
          providerVersion: 'p1',
          verified: true,
          ok: true,
        }),
      ],
    });

    // Now orders c1 runs in production: a new inventory version must verify its pact first.
    await registry.recordDeployment({
      pacticipant: 'orders',
      version: 'c1',
      environment: 'production',
    });
    answer = await registry.canIDeploy({
      pacticipant: 'inventory',
      version: 'p2',
      environment: 'production',
    });
    expect(answer.reason).toBe(
      'inventory version p2 is not in the registry: publish its pacts (gauntlet publish) or record its verification results first',
    );
    await recordVerification(registry, {
      provider: 'inventory',
      providerVersion: 'p2',
      consumer: 'orders',
      success: false,
    });
    answer = await registry.canIDeploy({
      pacticipant: 'inventory',
      version: 'p2',
      environment: 'production',
    });
    expect(answer.deployable).toBe(false);
    expect(answer.rows.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^the pact between orders c1 and inventory p2 failed verification/),
    ]);
  });

  it('keeps the verification when a new consumer version publishes the same pact content', async () => {
    const registry = openFileRegistry(dir);
    const p = await pact('contracts/pacts/orders-payments.json');
    await registry.publish({ pacts: [p], consumerVersion: 'c1' });
    await registry.recordVerification({
      provider: 'payments',
      providerVersion: 'p1',
      consumer: 'orders',
      success: true,
    });
    await registry.recordDeployment({
      pacticipant: 'payments',
      version: 'p1',
      environment: 'test',
    });
    await registry.publish({ pacts: [p], consumerVersion: 'c2' });
    expect(
      (await registry.canIDeploy({ pacticipant: 'orders', version: 'c2', environment: 'test' }))
        .deployable,
    ).toBe(true);
    expect(pactContentHash(p.pact)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('takes many concurrent writers without losing or tearing a record', async () => {
    const writers = Array.from({ length: 20 }, () => openFileRegistry(dir));
    const p = await pact('contracts/pacts/orders-inventory.json');
    await Promise.all(
      writers.flatMap((registry, i) => [
        registry.publish({ pacts: [p], consumerVersion: `v${i}` }),
        registry.recordDeployment({ pacticipant: 'orders', version: `v${i}`, environment: 'test' }),
      ]),
    );
    const snap = await openFileRegistry(dir).snapshot();
    expect(snap.pacts.length).toBe(20);
    expect(snap.deployments.length).toBe(20);
    expect((await readdir(join(dir, 'pacts'))).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
    expect(await openFileRegistry(dir).pactsForVerification('inventory')).toHaveLength(1);
  });
});
