// One experiment of chaos/, run by Chaos Toolkit itself (`chaos run`, with the
// chaostoolkit-toxiproxy driver from PyPI) and by `gauntlet chaos`, against the same running
// shop behind the same Toxiproxy: both must end with the same status, for an experiment that
// holds and for the same experiment made to deviate (--var payments_latency:int=2500, longer
// than orders' 2 s timeout).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/adapters/config/load-config.js';
import type { RunningToxiproxy } from '../../src/adapters/toxiproxy/backend.js';
import { routeThroughProxies } from '../../src/system/route-through-proxies.js';
import { type RunningSystem, startSystem } from '../../src/system/start-system.js';
import { runCli } from '../cli/run-cli.js';
import { describeNeeding } from '../support/needs-tool.js';
import { ROOT, startToxiproxy, TOXIPROXY } from './toxiproxy.js';

const CHAOS = join(ROOT, '.gauntlet', 'venv', 'bin', 'chaos');
const CHAOS_TOOLKIT = {
  name: 'Chaos Toolkit with chaostoolkit-toxiproxy',
  available:
    TOXIPROXY.available && existsSync(CHAOS) && existsSync(join(ROOT, '.gauntlet', 'venv', 'lib')),
  install:
    'python3 -m venv .gauntlet/venv && .gauntlet/venv/bin/pip install -r .ci/requirements.txt (.ci/run does it)',
};
const EXPERIMENT = 'chaos/ct-slow-payments.yaml';

/** `chaos run`: resolves with the journal's status as Chaos Toolkit shows it. */
function chaosRun(dir: string, vars: string[]): Promise<{ status: string; code: number | null }> {
  const journalPath = join(dir, `ct-${Date.now()}.json`);
  return new Promise((resolve, reject) => {
    execFile(
      CHAOS,
      [
        '--no-version-check',
        '--no-log-file',
        '--settings',
        join(dir, 'settings.yaml'),
        'run',
        '--journal-path',
        journalPath,
        ...vars.flatMap((v) => ['--var', v]),
        EXPERIMENT,
      ],
      { cwd: ROOT, timeout: 60_000 },
      async (error, _stdout, stderr) => {
        try {
          const journal = JSON.parse(await readFile(journalPath, 'utf8'));
          resolve({
            status: journal.deviated ? 'deviated' : journal.status,
            code: error ? ((error as { code?: number }).code ?? null) : 0,
          });
        } catch {
          reject(new Error(`chaos run wrote no journal: ${error?.message}\n${stderr}`));
        }
      },
    );
  });
}

describeNeeding(CHAOS_TOOLKIT, 'Chaos Toolkit interop: chaos run and gauntlet chaos agree', () => {
  let dir: string;
  let toxiproxy: RunningToxiproxy;
  let system: RunningSystem;
  const proxies: Record<string, string> = {};
  let vars: string[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gauntlet-ct-'));
    toxiproxy = await startToxiproxy();
    const config = await loadConfig(ROOT);
    system = await startSystem({
      cwd: ROOT,
      env: process.env,
      config,
      ports: 'free',
      routeDependency: routeThroughProxies(toxiproxy, proxies),
    });
    const api = new URL(toxiproxy.url);
    vars = [
      `orders_url=${system.urls.orders}`,
      `toxiproxy_host=${api.hostname}`,
      `toxiproxy_port:int=${api.port}`,
    ];
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
    await toxiproxy?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('puts every edge of the shop behind its own proxy', () => {
    expect(Object.keys(proxies).sort()).toEqual([
      'gateway_to_inventory',
      'gateway_to_orders',
      'orders_to_inventory',
      'orders_to_notifications',
      'orders_to_payments',
    ]);
  });

  it.each([
    ['holds', [], 'completed', 0],
    ['deviates', ['payments_latency:int=2500'], 'deviated', 1],
  ] as const)(
    'an experiment that %s: same status both ways',
    async (_what, extra, status, code) => {
      const ct = await chaosRun(dir, [...vars, ...extra]);
      expect(ct).toEqual({ status, code });
      const gauntlet = await runCli(
        [
          'chaos',
          EXPERIMENT,
          '--running',
          '--toxiproxy',
          toxiproxy.url,
          '--report-dir',
          join(dir, 'reports'),
          '--json',
          ...[...vars, ...extra].flatMap((v) => ['--var', v]),
        ],
        { cwd: ROOT },
      );
      expect(gauntlet.code, gauntlet.stderr).toBe(code);
      const [experiment] = JSON.parse(gauntlet.stdout).experiments;
      expect(experiment.status).toBe(status);
      // Both left the proxies clean.
      const left = await toxiproxy.client.proxies();
      expect(Object.values(left).flatMap((p) => p.toxics)).toEqual([]);
    },
    90_000,
  );
});
