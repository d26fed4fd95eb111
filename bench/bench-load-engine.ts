// Benchmarks the built-in load engine (`gauntlet load`): a script, not a test. Every figure it
// prints is measured in this run against a baseline measured beside it. Every process it starts
// is stopped by its PID.
//
//   npx tsx bench/bench-load-engine.ts [--only accuracy,vegeta,co,ceiling,soak] [--seconds 10]
//                                      [--soak-minutes 10] [--rates 1000,5000,10000] [--pin]
//
// - accuracy: achieved rate vs the target against a bare node:http server (dropped_iterations
//   where the machine cannot keep up), with the generator's own health;
// - vegeta: the same steady target through the engine and through vegeta: p50 and p99 side by side;
// - co: coordinated omission — the target holds every response for 1 s in the middle of a 5 s
//   run at 200 req/s: the engine (open model), vegeta, and a closed-model run of the engine;
// - ceiling: the engine's maximum rate against bare node vs wrk on the same target, CPU shares;
// - soak: `gauntlet mock` on the example contracts at half the engine's ceiling against it:
//   errors, and the mock's RSS at the start and the end.
// With --pin the target runs on core 0 and the generator on core 1 (taskset). The load average
// is printed with every section: read the figures with it.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { runLoad } from '../src/adapters/load/run-load.js';
import { runVegeta } from '../src/adapters/load/run-vegeta.js';
import { BUILTIN_METRICS } from '../src/load/metric-names.js';
import { requestsIteration } from '../src/load/requests-iteration.js';
import type { LoadSummary } from '../src/load/summary.js';
import type { Scenario } from '../src/load/types.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TARGET_SCRIPT = join(ROOT, 'bench/fixtures/bare-target.mjs');
const VEGETA = join(ROOT, '.gauntlet/bin/vegeta');
const TASKSET = existsSync('/usr/bin/taskset');

const { values: flags } = parseArgs({
  options: {
    only: { type: 'string', default: 'accuracy,vegeta,co,ceiling,soak' },
    seconds: { type: 'string', default: '10' },
    'soak-minutes': { type: 'string', default: '10' },
    rates: { type: 'string', default: '1000,5000,10000' },
    pin: { type: 'boolean', default: false },
  },
});
// Pinning the target and the generator to a core each is right on a quiet machine; on a shared
// one it strands the generator on a core others keep busy, so it is asked for with --pin.
const HAS_TASKSET = TASKSET && flags.pin === true;
const ONLY = new Set(String(flags.only).split(','));
const SECONDS = Number(flags.seconds);
const RATES = String(flags.rates).split(',').map(Number);

const children = new Set<ChildProcess>();
function stopAll(): void {
  for (const child of children) {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}
process.on('exit', stopAll);
process.on('SIGINT', () => {
  stopAll();
  process.exit(130);
});

const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
const ms = (n: number | undefined) => (n === undefined ? '-' : `${n.toFixed(2)} ms`);
const pct = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(1)}%`;

/** Starts a program (pinned to `core` when taskset exists) and waits for its first stdout line. */
async function startProgram(
  command: string,
  args: string[],
  core: number | undefined,
  ready: RegExp,
): Promise<{ child: ChildProcess; line: string }> {
  const pinned = HAS_TASKSET && core !== undefined;
  const child = spawn(
    pinned ? 'taskset' : command,
    pinned ? ['-c', String(core), command, ...args] : args,
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.add(child);
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${command} did not start: ${out}`)), 120_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = out.split('\n').find((l) => ready.test(l));
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    child.on('exit', (code) => reject(new Error(`${command} exited with ${code}: ${out}`)));
  });
  return { child, line };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
  if (child.exitCode === null) {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  children.delete(child);
}

async function bareTarget(): Promise<{ url: string; child: ChildProcess }> {
  const { child, line } = await startProgram(process.execPath, [TARGET_SCRIPT], 0, /^\d+$/);
  return { url: `http://127.0.0.1:${line.trim()}`, child };
}

/** One open-model run of the built-in engine: `rate`/s for `seconds` on `path`. */
/** The steady open-model scenario both engines run. */
function steady(rate: number, seconds: number, maxVUs: number): Scenario {
  return {
    executor: 'constant-arrival-rate',
    rate,
    duration: `${seconds}s`,
    preAllocatedVUs: Math.min(maxVUs, Math.max(10, Math.ceil(rate / 50))),
    maxVUs,
    gracefulStop: '5s',
  };
}

function engine(
  url: string,
  rate: number,
  seconds: number,
  path = '/',
  maxVUs = 1000,
  workers: number | 'auto' = 'auto',
): Promise<LoadSummary> {
  const scenario = steady(rate, seconds, maxVUs);
  const requests = [{ method: 'GET', path, headers: {}, name: path }];
  return runLoad({
    suite: `engine ${rate}/s`,
    baseUrl: url,
    scenarios: { s: { scenario, iteration: requestsIteration(requests), requests } },
    thresholds: [],
    metrics: BUILTIN_METRICS,
    workers,
  });
}

function vegeta(
  url: string,
  rate: number,
  seconds: number,
  path = '/',
  maxVUs = 1000,
): Promise<LoadSummary> {
  const scenario = steady(rate, seconds, maxVUs);
  return runVegeta({
    suite: `vegeta ${rate}/s`,
    baseUrl: url,
    scenarios: { s: { scenario, requests: [{ method: 'GET', path, headers: {}, name: path }] } },
    thresholds: [],
    metrics: BUILTIN_METRICS,
    cwd: ROOT,
    env: process.env,
  });
}

const d = (s: LoadSummary) => s.metrics.http_req_duration?.values ?? {};
/** Latency from the actual send (what vegeta measures); vegeta's own summary has only that. */
const sent = (s: LoadSummary) =>
  s.metrics.gauntlet_http_req_sent_duration?.values ?? s.metrics.http_req_duration?.values ?? {};
const count = (s: LoadSummary, m: string) => s.metrics[m]?.values.count ?? 0;

async function accuracy(): Promise<void> {
  console.log(`\n## Accuracy: achieved vs target rate, bare node:http (load average ${load()})`);
  const target = await bareTarget();
  try {
    await engine(target.url, 500, 2); // warm-up: JIT, connections
    console.log(
      'target/s  threads  achieved/s  error   dropped  failed  p50        p99        lag p99    gen CPU  µs/req gen+target  load  kept up',
    );
    // auto: one thread below 2,000/s, worker threads above; the single thread beside it from 5,000/s.
    const modes: Array<[number, number | 'auto']> = RATES.flatMap((rate) =>
      rate >= 5000
        ? ([
            [rate, 'auto'],
            [rate, 1],
          ] as Array<[number, number | 'auto']>)
        : ([[rate, 'auto']] as Array<[number, number | 'auto']>),
    );
    for (const [rate, workers] of modes) {
      const targetCpu0 = cpuOf(target.child.pid!);
      const cpu0 = process.cpuUsage();
      const s = await engine(target.url, rate, SECONDS, '/', 1000, workers);
      const cpu = process.cpuUsage(cpu0);
      const targetCpu = cpuOf(target.child.pid!) - targetCpu0;
      // Every scheduled iteration ran or was dropped: the rate is over the schedule's duration.
      const achieved = count(s, 'http_reqs') / SECONDS;
      const g = s.gauntlet.generator;
      const threads = g.threads.length || 1;
      // CPU time per request, which a busy machine stretches less than it stretches wall time:
      // what a quiet 2-core machine would need for the rate (generator + target).
      const reqs = Math.max(1, count(s, 'http_reqs'));
      const perReq = `${Math.round((cpu.user + cpu.system) / reqs)}+${Math.round((targetCpu * 1e6) / reqs)}`;
      console.log(
        `${String(rate).padEnd(9)} ${String(threads).padEnd(8)} ${achieved.toFixed(1).padEnd(11)} ${pct(achieved, rate).padEnd(7)} ${String(count(s, 'dropped_iterations')).padEnd(8)} ${String(s.metrics.http_req_failed?.values.passes ?? 0).padEnd(7)} ${ms(d(s).med).padEnd(10)} ${ms(d(s)['p(99)']).padEnd(10)} ${ms(g.scheduleLagP99Ms).padEnd(10)} ${`${Math.round(g.cpu * 100)}%`.padEnd(8)} ${perReq.padEnd(17)} ${loadavg()[0]!.toFixed(1).padEnd(5)} ${g.keptUp ? 'yes' : `no: ${g.reasons.join('; ')}`}`,
      );
      for (const t of g.threads) {
        console.log(
          `          worker ${t.thread}: ${t.iterations} iterations, lag p99 ${ms(t.scheduleLagP99Ms)}, event-loop delay p99 ${ms(t.eventLoopDelayP99Ms)}, busy ${Math.round(t.utilization * 100)}%`,
        );
      }
    }
  } finally {
    await stop(target.child);
  }
  console.log(`(load average after: ${load()})`);
}

async function agreement(): Promise<void> {
  const rate = 1000;
  console.log(
    `\n## Agreement with vegeta: ${rate} req/s for ${SECONDS} s on the same target (load average ${load()})`,
  );
  if (!existsSync(VEGETA)) {
    console.log(`vegeta is missing (${VEGETA}): run \`node bin/gauntlet.js setup --only vegeta\``);
    return;
  }
  const target = await bareTarget();
  try {
    await engine(target.url, 500, 2);
    // Twice: on the bare answer (sub-ms: the two clients' own overhead and their share of a busy
    // machine's CPU are most of what is measured) and with a 5 ms service time (what a load test
    // is for: the server's latency, which both should see alike).
    for (const path of ['/', '/delay?ms=5']) {
      console.log(`\nGET ${path}`);
      await compare(target.url, rate, path);
    }
  } finally {
    await stop(target.child);
  }
  console.log(`(load average after: ${load()})`);
}

async function compare(url: string, rate: number, path: string): Promise<void> {
  {
    const rows: Array<[string, LoadSummary]> = [];
    // Alternated twice so drift in the machine's load hits both alike.
    for (let round = 0; round < 2; round++) {
      rows.push(['builtin', await engine(url, rate, SECONDS, path)]);
      rows.push(['vegeta', await vegeta(url, rate, SECONDS, path)]);
    }
    // vegeta starts its clock when a worker sends; the engine's http_req_duration starts at the
    // intended time (coordinated-omission correct). The like-for-like figure is the engine's
    // latency from its own send (gauntlet_http_req_sent_duration); the difference between its
    // two figures is the generator's own lag (timer granularity, event-loop delay).
    console.log(
      'engine   round  reqs    from send: p50  p90        p99        max        | from intended: p50  p99        | lag p99',
    );
    for (const [i, [name, s]] of rows.entries()) {
      const builtin = name === 'builtin';
      console.log(
        `${name.padEnd(8)} ${String(Math.floor(i / 2) + 1).padEnd(6)} ${String(count(s, 'http_reqs')).padEnd(7)} ${ms(sent(s).med).padEnd(15)} ${ms(sent(s)['p(90)']).padEnd(10)} ${ms(sent(s)['p(99)']).padEnd(10)} ${ms(sent(s).max).padEnd(10)} | ${builtin ? `${ms(d(s).med).padEnd(19)} ${ms(d(s)['p(99)']).padEnd(10)}` : `${'(vegeta has none)'.padEnd(30)}`} | ${builtin ? ms(s.gauntlet.generator.scheduleLagP99Ms) : '-'}`,
      );
    }
    const mean = (name: string, pick: (s: LoadSummary) => Record<string, number>, key: string) => {
      const v = rows.filter(([n]) => n === name).map(([, s]) => pick(s)[key] ?? 0);
      return v.reduce((a, b) => a + b, 0) / v.length;
    };
    const ratio = (pick: (s: LoadSummary) => Record<string, number>, key: string) =>
      mean('builtin', pick, key) / mean('vegeta', sent, key);
    const line = (label: string, pick: (s: LoadSummary) => Record<string, number>) => {
      const p50 = ratio(pick, 'med');
      const p99 = ratio(pick, 'p(99)');
      console.log(
        `builtin ${label} / vegeta (mean of rounds): p50 ×${p50.toFixed(2)} (${pct(p50, 1)}; goal within 10%), p99 ×${p99.toFixed(2)} (${pct(p99, 1)}; goal within 20%)`,
      );
    };
    line('from send    ', sent);
    line('from intended', d);
  }
}

async function coordinatedOmission(): Promise<void> {
  console.log(
    `\n## Coordinated omission: 200 req/s for 5 s, every response held 1 s from t=2 s (load average ${load()})`,
  );
  const target = await bareTarget();
  const arm = () => fetch(`${target.url}/__stall?afterMs=2000&forMs=1000`).then((r) => r.text());
  try {
    await engine(target.url, 200, 1);
    const rows: Array<[string, LoadSummary]> = [];
    await arm();
    rows.push(['builtin (open, intended start)', await engine(target.url, 200, 5)]);
    if (existsSync(VEGETA)) {
      await arm();
      rows.push(['vegeta', await vegeta(target.url, 200, 5)]);
    }
    await arm();
    // A closed model: 10 VUs in a loop, latency from each request's actual send. During the
    // stall they all wait, so few samples see it: the figures hide it (wrk, ab, autocannon).
    rows.push([
      'builtin closed (10 VUs)',
      await runLoad({
        suite: 'closed',
        baseUrl: target.url,
        scenarios: {
          s: {
            scenario: { executor: 'constant-vus', vus: 10, duration: '5s' },
            iteration: async (ctx) => {
              await ctx.http.get('/');
              await ctx.sleep(0.05); // ~200 req/s when the server is fast
            },
          },
        },
        thresholds: [],
        metrics: BUILTIN_METRICS,
      }),
    ]);
    console.log(
      'run                              reqs   p50        p90        p99        max        dropped',
    );
    for (const [name, s] of rows) {
      console.log(
        `${name.padEnd(32)} ${String(count(s, 'http_reqs')).padEnd(6)} ${ms(d(s).med).padEnd(10)} ${ms(d(s)['p(90)']).padEnd(10)} ${ms(d(s)['p(99)']).padEnd(10)} ${ms(d(s).max).padEnd(10)} ${count(s, 'dropped_iterations')}`,
      );
    }
    console.log(
      '(expected from theory for an open model: 200 of 1000 requests wait 0–1 s → p90 ≈ 500 ms, p99 ≈ 950 ms)',
    );
  } finally {
    await stop(target.child);
  }
  console.log(`(load average after: ${load()})`);
}

/** CPU seconds of a process from /proc. */
function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

/** The engine's closed-model maximum: `vus` looping as fast as the target answers. */
async function engineCeiling(
  url: string,
  seconds: number,
  vus = 50,
  path = '/',
): Promise<{ rate: number; cpu: number; summary: LoadSummary }> {
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const summary = await runLoad({
    suite: 'ceiling',
    baseUrl: url,
    scenarios: {
      s: {
        scenario: { executor: 'constant-vus', vus, duration: `${seconds}s` },
        iteration: requestsIteration([{ method: 'GET', path, headers: {}, name: path }]),
      },
    },
    thresholds: [],
    metrics: BUILTIN_METRICS,
  });
  const wall = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  return {
    rate: count(summary, 'http_reqs') / seconds,
    cpu: (cpu.user + cpu.system) / 1e6 / wall,
    summary,
  };
}

async function ceiling(): Promise<void> {
  console.log(
    `\n## Ceiling: maximum rate against bare node, engine vs wrk, 50 connections, ${SECONDS} s each (load average ${load()})`,
  );
  const target = await bareTarget();
  try {
    await engineCeiling(target.url, 2);
    const rows: string[] = [];
    for (let round = 0; round < 2; round++) {
      const e = await engineCeiling(target.url, SECONDS);
      const serverCpu0 = cpuOf(target.child.pid!);
      let wrkLine = 'wrk missing (apt-get install wrk)';
      let wrkRate = 0;
      if (existsSync('/usr/bin/wrk')) {
        const wrk = spawn(
          HAS_TASKSET ? 'taskset' : 'wrk',
          [
            ...(HAS_TASKSET ? ['-c', '1', 'wrk'] : []),
            '-t1',
            '-c50',
            `-d${SECONDS}s`,
            `${target.url}/`,
          ],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        );
        children.add(wrk);
        let out = '';
        wrk.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
        let wrkCpu = 0;
        const sampler = setInterval(() => {
          try {
            const pids = readFileSync(`/proc/${wrk.pid}/task/${wrk.pid}/children`, 'utf8')
              .trim()
              .split(/\s+/)
              .filter(Boolean)
              .map(Number);
            for (const pid of [wrk.pid!, ...pids]) wrkCpu = Math.max(wrkCpu, cpuOf(pid));
          } catch {
            // exited
          }
        }, 250);
        await new Promise((resolve) => wrk.on('exit', resolve));
        clearInterval(sampler);
        children.delete(wrk);
        wrkRate = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
        wrkLine = `wrk ${wrkRate.toFixed(0)} req/s, CPU ${Math.round((wrkCpu / SECONDS) * 100)}% of a core`;
      }
      void serverCpu0;
      rows.push(
        `round ${round + 1}: engine ${e.rate.toFixed(0)} req/s (p50 ${ms(d(e.summary).med)}, p99 ${ms(d(e.summary)['p(99)'])}), CPU ${Math.round(e.cpu * 100)}% of a core; ${wrkLine}; engine/wrk ${wrkRate ? (e.rate / wrkRate).toFixed(2) : '-'}`,
      );
    }
    for (const r of rows) console.log(r);
    const open = await engine(target.url, 30_000, 5);
    console.log(
      `open model asked for 30,000/s for 5 s: ${(count(open, 'http_reqs') / 5).toFixed(0)}/s achieved, ${count(open, 'dropped_iterations')} dropped, generator: ${open.gauntlet.generator.keptUp ? 'kept up' : open.gauntlet.generator.reasons.join('; ')}`,
    );
  } finally {
    await stop(target.child);
  }
  console.log(`(load average after: ${load()})`);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function soak(): Promise<void> {
  const minutes = Number(flags['soak-minutes']);
  console.log(
    `\n## Soak: gauntlet mock on contracts/openapi, ${minutes} min at half the engine's ceiling against it (load average ${load()})`,
  );
  const { child, line } = await startProgram(
    process.execPath,
    [
      join(ROOT, 'bin/gauntlet.js'),
      'mock',
      'contracts/openapi/inventory.yaml',
      'contracts/openapi/orders.yaml',
      '--port',
      '0',
    ],
    0,
    /ready|listening|http:\/\/127\.0\.0\.1:\d+/,
  );
  try {
    // The mock prints its URL before `ready`; wait for `ready` too.
    await new Promise((r) => setTimeout(r, 500));
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0];
    if (!url) throw new Error(`no URL in the mock's output: ${line}`);
    const path = '/inventory/stock/abc';
    const probe = await fetch(`${url}${path}`);
    console.log(`mock at ${url}, GET ${path} → ${probe.status}`);
    const cap = await engineCeiling(url, 5, 50, path);
    const rate = Math.max(50, Math.round(cap.rate / 2));
    const rssStart = rssMb(child.pid!);
    console.log(
      `ceiling against the mock ${cap.rate.toFixed(0)} req/s → soak at ${rate} req/s; mock RSS at start ${rssStart.toFixed(1)} MB`,
    );
    const samples: string[] = [];
    const sampler = setInterval(() => samples.push(rssMb(child.pid!).toFixed(1)), 60_000);
    const s = await engine(url, rate, minutes * 60, path, 2000);
    clearInterval(sampler);
    const rssEnd = rssMb(child.pid!);
    const failed = s.metrics.http_req_failed?.values.passes ?? 0;
    console.log(
      `soak: ${count(s, 'http_reqs')} requests, ${failed} failed, ${count(s, 'dropped_iterations')} dropped, p50 ${ms(d(s).med)}, p99 ${ms(d(s)['p(99)'])}; mock RSS ${rssStart.toFixed(1)} → ${rssEnd.toFixed(1)} MB (per minute: ${samples.join(', ')}); generator ${s.gauntlet.generator.keptUp ? 'kept up' : s.gauntlet.generator.reasons.join('; ')}`,
    );
  } finally {
    await stop(child);
  }
  console.log(`(load average after: ${load()})`);
}

console.log(
  `gauntlet load engine benchmark — node ${process.version}, ${HAS_TASKSET ? 'target on core 0, generator on core 1 (taskset)' : 'no pinning (--pin pins the target to core 0, the generator to core 1)'}, load average ${load()}`,
);
if (HAS_TASKSET) await run('taskset', ['-cp', '1', String(process.pid)]);
if (ONLY.has('accuracy')) await accuracy();
if (ONLY.has('vegeta')) await agreement();
if (ONLY.has('co')) await coordinatedOmission();
if (ONLY.has('ceiling')) await ceiling();
if (ONLY.has('soak')) await soak();
stopAll();
