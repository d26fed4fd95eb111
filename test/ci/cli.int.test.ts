import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

// The gate commands as a user runs them (the built binary; `npm test` builds first).
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gauntlet-gate-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('gauntlet compat', () => {
  it('passes the example system and fails a pact the spec does not allow (exit 1, with the code)', async () => {
    const ok = await runCli([
      'compat',
      'contracts/openapi/inventory.yaml',
      'contracts/pacts/orders-inventory.json',
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trimEnd().split('\n').at(-1)).toBe(
      'compat: 1 pact(s) compatible with their provider spec',
    );

    const pact = JSON.parse(await readFile('contracts/pacts/orders-inventory.json', 'utf8')) as {
      interactions: Array<{ request: { path: string } }>;
    };
    pact.interactions[0]!.request.path = '/reservationz/r-1';
    const bad = join(dir, 'orders-inventory.json');
    await writeFile(bad, JSON.stringify(pact));
    const r = await runCli(['compat', 'contracts/openapi/inventory.yaml', bad, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      passed: boolean;
      pairs: Array<{ findings: Array<{ code: string; interaction: number }> }>;
    };
    expect(report.passed).toBe(false);
    expect(report.pairs[0]?.findings.map((f) => [f.code, f.interaction])).toEqual([
      ['request.path-or-method.unknown', 0],
    ]);
  });
});

describe('gauntlet diff', () => {
  it('exits 1 on a breaking change (markdown for a PR comment) and 0 on none', async () => {
    const head = join(dir, 'inventory.yaml');
    const text = await readFile('contracts/openapi/inventory.yaml', 'utf8');
    await writeFile(
      head,
      text
        .replace('required: [sku, available]', 'required: [sku]')
        .replace('        available: { type: integer, minimum: 0 }\n', ''),
    );
    const r = await runCli([
      'diff',
      'HEAD:contracts/openapi/inventory.yaml',
      head,
      '--pacts',
      'contracts/pacts',
      '--format',
      'markdown',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('### ❌ API diff: `inventory`');
    expect(r.stdout).toContain(
      '| BREAKING | `GET /stock/{sku}` | removed the required property `available` from the response with the `200` status | safe for current consumers: no consumer pact calls GET /stock/{sku} |',
    );
    // The same change does not block when only consumer-breaking changes fail the check.
    const lenient = await runCli([
      'diff',
      'HEAD:contracts/openapi/inventory.yaml',
      head,
      '--pacts',
      'contracts/pacts',
      '--fail-on',
      'consumers',
    ]);
    expect(lenient.code).toBe(0);
    const same = await runCli([
      'diff',
      'contracts/openapi/inventory.yaml',
      'contracts/openapi/inventory.yaml',
    ]);
    expect(same.code).toBe(0);
    expect(same.stdout.trimEnd().split('\n').at(-1)).toBe(
      'ok: 0 breaking (0 breaking current consumers), 0 warning(s), 0 other change(s)',
    );
    const missing = await runCli(['diff', 'no-such-ref:contracts/openapi/inventory.yaml', head]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/GAUNTLET_E_GIT_REF/);
  });
});

describe('gauntlet publish / record-deployment / can-i-deploy', () => {
  it('says no with the reason, then yes once the provider verified and is deployed', async () => {
    const registry = join(dir, 'registry');
    const reg = ['--registry', registry];
    const pub = await runCli([
      'publish',
      'contracts/pacts/orders-inventory.json',
      '--consumer-version',
      'c1',
      '--branch',
      'main',
      ...reg,
    ]);
    expect(pub.code).toBe(0);
    expect(pub.stdout).toBe(`published orders → inventory at c1 (main) to ${registry}\n`);

    const ask = [
      'can-i-deploy',
      '--pacticipant',
      'orders',
      '--version',
      'c1',
      '--to-environment',
      'production',
      ...reg,
    ];
    const no = await runCli(ask);
    expect(no.code).toBe(1);
    expect(no.stdout.split('\n')).toEqual([
      'Computer says no ¯\\_(ツ)_/¯  orders c1 → production',
      '  FAIL  orders c1 → inventory (none): inventory has no version deployed to production: deploy inventory first (a missing dependency)',
      'inventory has no version deployed to production: deploy inventory first (a missing dependency)',
      '',
    ]);

    const { openFileRegistry } = await import('../../src/adapters/registry/file-registry.js');
    await openFileRegistry(registry).recordVerification({
      provider: 'inventory',
      providerVersion: 'p1',
      consumer: 'orders',
      consumerVersion: 'c1',
      success: true,
    });
    const dep = await runCli([
      'record-deployment',
      '--pacticipant',
      'inventory',
      '--version',
      'p1',
      '--environment',
      'production',
      ...reg,
    ]);
    expect(dep.code).toBe(0);

    const yes = await runCli([...ask, '--json']);
    expect(yes.code).toBe(0);
    expect(JSON.parse(yes.stdout)).toMatchObject({
      deployable: true,
      reason: 'all 1 required verification result(s) are published and successful',
    });
  });
});
