// `gauntlet run` end to end on the example shop (what `npm start` runs), then its HTML report
// opened in headless Chromium. Needs the built CLI (`npm run build`; `npm test` builds first).
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/run/types.js';
import { type CliResult, runCli } from '../cli/run-cli.js';
import { chromium, runChromium } from '../support/chromium.js';
import { describeNeeding } from '../support/needs-tool.js';

const CHROMIUM = chromium();

let dir: string;
let result: CliResult;
let elapsedMs: number;
let summary: RunSummary;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gauntlet-run-'));
  const started = performance.now();
  result = await runCli(['run', '--report-dir', join(dir, 'reports')], { env: { NO_COLOR: '1' } });
  elapsedMs = performance.now() - started;
  console.log(`gauntlet run took ${(elapsedMs / 1000).toFixed(1)} s (exit ${result.code})`);
  summary = JSON.parse(await readFile(join(dir, 'reports', 'summary.json'), 'utf8')) as RunSummary;
}, 180_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('gauntlet run', () => {
  it('passes every stage on the example system, in under two minutes', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(summary.status).toBe('passed');
    expect(summary.stages.filter((s) => s.status !== 'passed').map((s) => s.name)).toEqual([]);
    const names = summary.stages.map((s) => s.name);
    for (const stage of ['contracts', 'mocked', 'system']) expect(names).toContain(stage);
    expect(elapsedMs).toBeLessThan(120_000);
  });

  it('exercised every service and the scenario through the gateway', () => {
    const checks = (stage: string) => summary.stages.find((s) => s.name === stage)?.checks ?? [];
    const started = checks('mocked')
      .filter((c) => / starts against /.test(c.name))
      .map((c) => c.name.split(':')[0]);
    expect(started.sort()).toEqual(['gateway', 'inventory', 'notifications', 'orders', 'payments']);
    expect(checks('mocked').map((c) => c.name)).toContain('orders: POST /orders');
    expect(checks('system').map((c) => c.name)).toContain(
      'place an order and read it back: read it back',
    );
    expect(checks('system').filter((c) => c.status !== 'passed')).toEqual([]);
  });

  it('prints a summary line per stage and where the report is', () => {
    for (const stage of summary.stages) {
      expect(result.stdout).toMatch(new RegExp(`^✓ ${stage.name}  passed  `, 'm'));
    }
    expect(result.stdout).toContain(`report: ${join(dir, 'reports', 'index.html')}`);
  });
});

describeNeeding(CHROMIUM, 'the run report in headless Chromium', () => {
  it('renders a section per stage and a screenshot', async () => {
    const page = pathToFileURL(join(dir, 'reports', 'index.html')).href;
    const dom = await runChromium(CHROMIUM.binary, dir, ['--dump-dom', page]);
    expect(dom).toContain('<header class="passed" data-status="passed">');
    const sections = [
      ...dom.matchAll(/<section class="stage (\w+)" id="stage-[\w-]+" data-stage="([\w-]+)"/g),
    ].map((m) => [m[2], m[1]]);
    expect(sections).toEqual(summary.stages.map((s) => [s.name, 'passed']));

    const shot = join(dir, 'report.png');
    await runChromium(CHROMIUM.binary, dir, [
      `--screenshot=${shot}`,
      '--window-size=1280,2000',
      page,
    ]);
    const png = await readFile(shot);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect((await stat(shot)).size).toBeGreaterThan(20_000);
  }, 60_000);
});
