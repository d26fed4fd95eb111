import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LoadSummary } from '../../src/load/summary.js';
import { repoRoot, runCli } from '../cli/run-cli.js';
import { chromium, runChromium } from '../support/chromium.js';
import { describeNeeding } from '../support/needs-tool.js';
import { startTarget } from './target-server.js';

// Each test spawns the CLI, which loads a suite through tsx: slow on a busy 2-core machine.
vi.setConfig({ testTimeout: 120_000 });

let target: Awaited<ReturnType<typeof startTarget>>;
let dir: string;

beforeAll(async () => {
  target = await startTarget();
  dir = await mkdtemp(join(tmpdir(), 'gauntlet-load-'));
});
afterAll(async () => {
  await target.close();
  await rm(dir, { recursive: true, force: true });
});

/** Writes a suite into the temp folder; it imports defineLoad from the repository's source. */
async function suite(name: string, body: string): Promise<string> {
  const file = join(dir, `${name}.load.ts`);
  await writeFile(
    file,
    `import { defineLoad } from '${join(repoRoot, 'src/load/define-load.ts')}';\n\nexport default defineLoad(${body});\n`,
  );
  return file;
}

// The suites run from a temp folder: vegeta is found through its env override, as a user's would.
const load = (args: string[]) =>
  runCli(['load', ...args, '--report-dir', join(dir, 'reports')], {
    cwd: dir,
    env: { GAUNTLET_VEGETA: join(repoRoot, '.gauntlet/bin/vegeta') },
  });

describe('gauntlet load: quick mode', () => {
  it("prints k6's handleSummary data with --json and holds the rate", async () => {
    const result = await load([`${target.url}/ok`, '--rate', '100', '--duration', '2s', '--json']);
    expect(result.stderr).not.toContain('Internal error');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as LoadSummary;
    expect(Object.keys(summary)).toEqual(['root_group', 'options', 'state', 'metrics', 'gauntlet']);
    expect(summary.metrics.http_req_duration).toMatchObject({ type: 'trend', contains: 'time' });
    expect(Object.keys(summary.metrics.http_req_duration!.values)).toEqual([
      'avg',
      'min',
      'med',
      'max',
      'p(90)',
      'p(95)',
      'p(99)',
    ]);
    // Open model: every scheduled iteration either ran or was counted as dropped.
    const reqs = summary.metrics.http_reqs!.values.count!;
    const dropped = summary.metrics.dropped_iterations?.values.count ?? 0;
    expect(reqs + dropped).toBe(200);
    expect(summary.metrics.http_req_failed!.values.rate).toBe(0);
    expect(summary.metrics.checks!.values.rate).toBe(1);
    expect(summary.gauntlet.engine).toBe('builtin');
    expect(summary.gauntlet.timeline.length).toBeGreaterThanOrEqual(2);
    for (const ext of ['json', 'junit.xml', 'html']) {
      expect(
        existsSync(
          join(dir, 'reports', `GET-http-127.0.0.1-${new URL(target.url).port}-ok.${ext}`),
        ),
      ).toBe(true);
    }
  });

  it('counts a target that refuses connections in http_req_failed and still ends on time', async () => {
    const started = Date.now();
    const result = await load([
      'http://127.0.0.1:9/',
      '--rate',
      '50',
      '--duration',
      '1s',
      '--json',
    ]);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as LoadSummary;
    expect(summary.metrics.http_req_failed!.values.rate).toBe(1);
    expect(summary.metrics.http_reqs!.values.count).toBe(50);
    expect(summary.root_group.checks[0]).toMatchObject({
      name: 'GET /: status 2xx/3xx',
      passes: 0,
      fails: 50,
    });
  });

  it('drops iterations when maxVUs are all busy, instead of delaying them', async () => {
    const result = await load([
      `${target.url}/slow?ms=400`,
      '--rate',
      '50',
      '--duration',
      '1s',
      '--max-vus',
      '5',
      '--json',
    ]);
    const summary = JSON.parse(result.stdout) as LoadSummary;
    const dropped = summary.metrics.dropped_iterations!.values.count!;
    const reqs = summary.metrics.http_reqs!.values.count!;
    expect(reqs + dropped).toBe(50);
    // 5 VUs × 400 ms each over ~1 s: at most ~15 iterations can run.
    expect(reqs).toBeLessThanOrEqual(20);
    expect(dropped).toBeGreaterThanOrEqual(30);
  });

  it("reports k6's timing phases for every request", async () => {
    const result = await load([
      `${target.url}/slow?ms=20`,
      '--rate',
      '20',
      '--duration',
      '1s',
      '--json',
    ]);
    const summary = JSON.parse(result.stdout) as LoadSummary;
    const m = summary.metrics;
    for (const phase of [
      'blocked',
      'connecting',
      'tls_handshaking',
      'sending',
      'waiting',
      'receiving',
    ]) {
      expect(m[`http_req_${phase}`]?.type).toBe('trend');
    }
    // The target holds each answer 20 ms: that is waiting, not sending or receiving.
    expect(m.http_req_waiting!.values.med).toBeGreaterThanOrEqual(19);
    expect(m.http_req_sending!.values.med).toBeLessThan(5);
    expect(m.http_req_connecting!.values.max).toBeGreaterThan(0);
    expect(m.http_req_tls_handshaking!.values.max).toBe(0);
    expect(m.gauntlet_http_req_sent_duration!.values.med).toBeLessThanOrEqual(
      m.http_req_duration!.values.med!,
    );
  });

  it('spreads a high rate over worker threads that share one schedule and one VU budget', async () => {
    const result = await load([
      `${target.url}/ok`,
      '--rate',
      '100',
      '--duration',
      '2s',
      '--workers',
      '2',
      '--json',
    ]);
    expect(result.stderr).not.toContain('Internal error');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as LoadSummary;
    const reqs = summary.metrics.http_reqs!.values.count!;
    const dropped = summary.metrics.dropped_iterations?.values.count ?? 0;
    expect(reqs + dropped).toBe(200);
    const threads = summary.gauntlet.generator.threads;
    expect(threads.map((t) => t.thread)).toEqual([0, 1]);
    // Each worker starts every other iteration of the one schedule.
    for (const t of threads) expect(t.iterations).toBeLessThanOrEqual(100);
    expect(threads.reduce((n, t) => n + t.iterations, 0)).toBe(reqs);
    expect(summary.root_group.checks[0]).toMatchObject({ passes: reqs, fails: 0 });
    expect(summary.gauntlet.timeline.reduce((n, p) => n + p.requests, 0)).toBe(reqs);
  });

  it('holds maxVUs across worker threads: past it iterations are dropped, not delayed', async () => {
    const result = await load([
      `${target.url}/slow?ms=400`,
      '--rate',
      '50',
      '--duration',
      '1s',
      '--max-vus',
      '5',
      '--workers',
      '2',
      '--json',
    ]);
    const summary = JSON.parse(result.stdout) as LoadSummary;
    const dropped = summary.metrics.dropped_iterations!.values.count!;
    const reqs = summary.metrics.http_reqs!.values.count!;
    expect(reqs + dropped).toBe(50);
    // 5 VUs for the whole run (not 5 per thread) × 400 ms each over ~1 s.
    expect(reqs).toBeLessThanOrEqual(20);
    expect(summary.gauntlet.generator.threads).toHaveLength(2);
  });

  it('rejects a bad flag with exit 2', async () => {
    const result = await load([`${target.url}/ok`, '--rate', 'fast']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      '--rate must be a positive number, not "fast". (GAUNTLET_E_USAGE)',
    );
  });
});

describe('gauntlet load: suites', () => {
  it('exits 99 when a threshold fails, as k6, and names it', async () => {
    const file = await suite(
      'strict',
      `{
  scenarios: { hit: { executor: 'shared-iterations', vus: 2, iterations: 10, requests: [{ path: '/slow?ms=30', name: 'slow' }] } },
  thresholds: { 'http_req_duration{name:slow}': ['p(95)<1'], http_reqs: ['count==10'] },
}`,
    );
    const result = await load([file, '--target', target.url]);
    expect(result.code).toBe(99);
    expect(result.stdout).toContain('✗ http_req_duration{name:slow}');
    expect(result.stdout).toContain('thresholds failed: http_req_duration{name:slow}: p(95)<1');
    expect(result.stdout).toContain('✓ http_reqs');
  });

  it('names file:line for an unknown executor, a threshold that does not parse and an unknown metric (exit 2)', async () => {
    const file = await suite(
      'broken',
      `{
  scenarios: {
    a: { executor: 'constant-arival-rate', rate: 5, duration: '1s', preAllocatedVUs: 1, requests: [{ path: '/ok' }] },
  },
  thresholds: {
    http_req_duration: ['p95 < 200'],
    http_req_durations: ['p(95)<200'],
  },
}`,
    );
    const result = await load([file, '--target', target.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'broken.load.ts:5: scenario "a": unknown executor "constant-arival-rate"',
    );
    expect(result.stderr).toContain(
      'broken.load.ts:8: threshold "p95 < 200" of "http_req_duration" does not parse',
    );
    expect(result.stderr).toContain(
      'broken.load.ts:9: threshold on metric "http_req_durations", which does not exist',
    );
    expect(result.stderr).toContain('(GAUNTLET_E_LOAD_SUITE)');
  });

  it('runs closed executors with exact iteration budgets, checks, groups and custom metrics', async () => {
    const file = await suite(
      'closed',
      `{
  metrics: { orders_read: 'counter' },
  scenarios: {
    each: { executor: 'per-vu-iterations', vus: 3, iterations: 4, exec: 'read' },
    shared: { executor: 'shared-iterations', vus: 4, iterations: 10, exec: 'read' },
    steady: { executor: 'constant-vus', vus: 2, duration: '1s', exec: 'read', startTime: '0s' },
  },
  thresholds: { 'iterations{scenario:each}': ['count==12'], 'iterations{scenario:shared}': ['count==10'], orders_read: ['count>=22'] },
  exec: {
    read: async (ctx) => {
      await ctx.group('read', async () => {
        const res = await ctx.http.get('/json');
        ctx.check(res, { 'id is o-1': (r) => (r.json() as { id: string }).id === 'o-1' });
        ctx.add('orders_read', 1);
      });
    },
  },
}`,
    );
    const result = await load([file, '--target', target.url, '--json']);
    expect(result.stderr).not.toContain('Internal error');
    const summary = JSON.parse(result.stdout) as LoadSummary;
    expect(result.code).toBe(0);
    expect(summary.metrics['iterations{scenario:each}']!.values.count).toBe(12);
    expect(summary.metrics['iterations{scenario:shared}']!.values.count).toBe(10);
    const group = summary.root_group.groups[0]!;
    expect(group.name).toBe('read');
    expect(group.checks[0]!.name).toBe('id is o-1');
    expect(group.checks[0]!.fails).toBe(0);
    expect(group.checks[0]!.passes).toBe(summary.metrics.iterations!.values.count);
    expect(summary.metrics.group_duration).toBeDefined();
  });

  it('stops early when an abortOnFail threshold fails', async () => {
    const file = await suite(
      'abort',
      `{
  scenarios: { a: { executor: 'constant-arrival-rate', rate: 20, duration: '20s', preAllocatedVUs: 2, maxVUs: 10, requests: [{ path: '/fail' }] } },
  thresholds: { http_req_failed: [{ threshold: 'rate<0.5', abortOnFail: true, delayAbortEval: '1s' }] },
}`,
    );
    const started = Date.now();
    const result = await load([file, '--target', target.url, '--json']);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.code).toBe(99);
    const summary = JSON.parse(result.stdout) as LoadSummary;
    expect(summary.gauntlet.aborted).toBe(true);
    expect(summary.metrics.http_reqs!.values.count).toBeLessThan(200);
  });

  it('saves a baseline, then fails a run that regressed beyond the tolerance', async () => {
    const baseline = join(dir, 'baseline.json');
    const make = (ms: number) =>
      suite(
        'base',
        `{ scenarios: { a: { executor: 'shared-iterations', vus: 2, iterations: 20, requests: [{ path: '/slow?ms=${ms}' }] } } }`,
      );
    await make(5);
    const first = await load([
      join(dir, 'base.load.ts'),
      '--target',
      target.url,
      '--baseline',
      baseline,
    ]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`baseline saved: ${baseline}`);
    const saved = JSON.parse(await readFile(baseline, 'utf8')) as {
      suites: Record<string, { p95: number }>;
    };
    expect(Object.values(saved.suites)[0]!.p95).toBeGreaterThan(4);
    await make(200);
    const second = await load([
      join(dir, 'base.load.ts'),
      '--target',
      target.url,
      '--baseline',
      baseline,
    ]);
    expect(second.code).toBe(1);
    expect(second.stdout).toMatch(/baseline: .* regressed: p\(95\)/);
  });
});

const CHROMIUM = chromium();
describeNeeding(CHROMIUM, 'gauntlet load: the HTML report', () => {
  it('renders latency over time and the histogram in headless Chromium', async () => {
    const reports = join(dir, 'html');
    const result = await runCli(
      ['load', `${target.url}/ok`, '--rate', '50', '--duration', '2s', '--report-dir', reports],
      { cwd: dir },
    );
    expect(result.code).toBe(0);
    const page = pathToFileURL(
      join(reports, `GET-http-127.0.0.1-${new URL(target.url).port}-ok.html`),
    ).href;
    const dom = await runChromium(CHROMIUM.binary, dir, ['--dump-dom', page]);
    expect(dom).toContain('data-status="passed"');
    expect(dom).toMatch(/<svg[^>]+data-chart="latency-over-time"/);
    expect(dom).toMatch(/<polyline class="s-p99" data-series="p99" points="[\d., ]+"/);
    expect(dom).toMatch(/<svg[^>]+data-chart="histogram"/);
    expect(dom).toContain('GET /ok: status 2xx/3xx');
    const shot = join(dir, 'load-report.png');
    await runChromium(CHROMIUM.binary, dir, [
      `--screenshot=${shot}`,
      '--window-size=1100,1600',
      page,
    ]);
    const png = await readFile(shot);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.length).toBeGreaterThan(20_000);
  });
});

describe('gauntlet load --engine vegeta: the processes end in any order', () => {
  // Regression: `attack` closed before its results had all been read through `encode`, the
  // run waited on a 'close' event already gone, and the CLI exited 0 with an empty stdout.
  it('prints the summary when vegeta attack exits before encode has answered', async () => {
    const result = await runCli(
      ['load', 'http://127.0.0.1:9/', '--rate', '1', '--duration', '1s', '--engine', 'vegeta'],
      {
        cwd: dir,
        env: { GAUNTLET_VEGETA: join(repoRoot, 'test/load/fixtures/vegeta-exits-first.sh') },
      },
    );
    expect(result.stderr).not.toContain('GAUNTLET_E_INTERNAL');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('http_reqs');
  });
});

const VEGETA = join(repoRoot, '.gauntlet/bin/vegeta');
describeNeeding(
  {
    name: 'vegeta',
    available: existsSync(VEGETA),
    install: 'node bin/gauntlet.js setup --only vegeta',
  },
  'gauntlet load --engine vegeta',
  () => {
    it('runs the same quick target through vegeta into the same summary shape', async () => {
      const result = await load([
        `${target.url}/json`,
        '--rate',
        '50',
        '--duration',
        '2s',
        '--engine',
        'vegeta',
        '--json',
      ]);
      expect(result.stderr).not.toContain('Internal error');
      expect(result.code).toBe(0);
      const summary = JSON.parse(result.stdout) as LoadSummary;
      expect(summary.gauntlet.engine).toBe('vegeta');
      expect(summary.metrics.http_reqs!.values.count).toBe(100);
      expect(summary.metrics.http_req_failed!.values.rate).toBe(0);
      expect(summary.metrics.http_req_duration!.values['p(99)']).toBeGreaterThan(0);
      expect(summary.root_group.checks).toEqual([
        expect.objectContaining({ name: 'GET /json: status 2xx/3xx', passes: 100, fails: 0 }),
      ]);
    });

    it('refuses a scenario vegeta cannot run, naming the executor', async () => {
      const file = await suite(
        'vus',
        `{ scenarios: { a: { executor: 'constant-vus', vus: 1, duration: '1s', requests: [{ path: '/ok' }] } } }`,
      );
      const result = await load([file, '--target', target.url, '--engine', 'vegeta']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'vegeta runs constant-arrival-rate scenarios of declarative requests, and this one is constant-vus. (GAUNTLET_E_LOAD_ENGINE)',
      );
    });
  },
);
