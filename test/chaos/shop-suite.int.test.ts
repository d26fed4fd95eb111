// The chaos/ suites on the example shop: every experiment holds against the shop as it is, and
// the same suite catches a fragile orders (GAUNTLET_SHOP_FRAGILE=1: no timeout, no retry limit,
// no breaker), exiting 1 and naming the deviated probes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { describeNeeding } from '../support/needs-tool.js';
import { TOXIPROXY } from './toxiproxy.js';

interface Summary {
  experiments: Array<{ file: string; status: string; deviated_probes: string[]; reason?: string }>;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gauntlet-shop-chaos-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describeNeeding(TOXIPROXY, 'the chaos/ suites on the example shop', () => {
  it('every experiment of chaos/ completes without deviation (exit 0)', async () => {
    const result = await runCli(['chaos', '--json', '--report-dir', join(dir, 'ok')]);
    const summary = JSON.parse(result.stdout) as Summary;
    // Status, deviated probes and reason per experiment first, so a failure says which and why.
    expect(
      summary.experiments.map((e) => [e.file, e.status, e.deviated_probes, e.reason ?? '']).sort(),
    ).toEqual([
      ['chaos/ct-slow-payments.yaml', 'completed', [], ''],
      ['chaos/flaky-payments-timeout.yaml', 'completed', [], ''],
      ['chaos/gateway-bandwidth.yaml', 'completed', [], ''],
      ['chaos/inventory-reset-peer.yaml', 'completed', [], ''],
      ['chaos/payments-down.yaml', 'completed', [], ''],
      ['chaos/slow-inventory.yaml', 'completed', [], ''],
    ]);
    expect(result.code, result.stderr).toBe(0);
  }, 180_000);

  it('with GAUNTLET_SHOP_FRAGILE=1 exits 1 and names the deviated probes', async () => {
    const result = await runCli(
      [
        'chaos',
        'chaos/slow-inventory.yaml',
        'chaos/payments-down.yaml',
        '--json',
        '--report-dir',
        join(dir, 'fragile'),
      ],
      { env: { GAUNTLET_SHOP_FRAGILE: '1' } },
    );
    expect(result.code, result.stderr).toBe(1);
    const summary = JSON.parse(result.stdout) as Summary;
    expect(summary.experiments.map((e) => [e.file, e.status, e.deviated_probes])).toEqual([
      ['chaos/slow-inventory.yaml', 'deviated', ['order-answered-within-budget']],
      ['chaos/payments-down.yaml', 'deviated', ['breaker-open-no-calls-fast-503']],
    ]);
  }, 180_000);
});
