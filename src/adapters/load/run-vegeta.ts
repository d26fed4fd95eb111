import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { GauntletError } from '../../errors.js';
import { CheckTree } from '../../load/checks.js';
import { formatDuration } from '../../load/duration.js';
import type { MetricDefinition } from '../../load/metric-names.js';
import { Metrics } from '../../load/metrics.js';
import { checksFor, type PreparedRequest } from '../../load/requests-iteration.js';
import { planScenario } from '../../load/schedule.js';
import {
  buildSummary,
  executorsOf,
  generatorHealth,
  type LoadSummary,
} from '../../load/summary.js';
import { type ThresholdGroup, thresholdSubmetrics } from '../../load/thresholds.js';
import type { Scenario, Tags } from '../../load/types.js';
import { requireTool } from '../tools/find-tool.js';
import type { LoadProgress } from './run-load.js';

export interface RunVegetaOptions {
  suite: string;
  baseUrl: string;
  scenarios: Record<string, { scenario: Scenario; requests?: PreparedRequest[] }>;
  thresholds: readonly ThresholdGroup[];
  metrics: Readonly<Record<string, MetricDefinition>>;
  headers?: Record<string, string>;
  cwd: string;
  env: Record<string, string | undefined>;
  signal?: AbortSignal;
  onProgress?: (progress: LoadProgress) => void;
  isStdOutTTY?: boolean;
  isStdErrTTY?: boolean;
}

/** One line of `vegeta encode --to json`. */
interface VegetaResult {
  seq: number;
  code: number;
  timestamp: string;
  latency: number;
  bytes_out: number;
  bytes_in: number;
  error: string;
  body?: string;
  headers?: Record<string, string[]>;
}

/** CPU seconds (user + system) of a process so far, from /proc (Linux); 0 where unreadable. */
async function cpuSecondsOf(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function targetUrl(baseUrl: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  return `${baseUrl.replace(/\/+$/, '')}${path.startsWith('/') ? '' : '/'}${path}`;
}

/**
 * The second engine: each `constant-arrival-rate` scenario of declarative requests runs as one
 * `vegeta attack` (rate × requests per iteration, round-robin over the requests, `-workers`
 * preAllocatedVUs, `-max-workers` maxVUs), its results read back through `vegeta encode` into
 * the same metrics, checks and thresholds as the built-in engine, so the two compare line by
 * line. vegeta measures latency from the moment it sends; it never drops an iteration.
 *
 * @example
 * const summary = await runVegeta({ suite: 'quick', baseUrl, scenarios, thresholds: [], metrics: BUILTIN_METRICS, cwd, env: process.env });
 */
export async function runVegeta(options: RunVegetaOptions): Promise<LoadSummary> {
  for (const [name, s] of Object.entries(options.scenarios)) {
    if (s.scenario.executor !== 'constant-arrival-rate' || !s.requests || s.requests.length === 0) {
      throw new GauntletError(
        'GAUNTLET_E_LOAD_ENGINE',
        `Failed to run scenario "${name}" with vegeta: because vegeta runs constant-arrival-rate scenarios of declarative requests, and this one is ${s.scenario.executor}${s.requests ? '' : ' with an iteration function'}.`,
        { hint: 'Run it with the built-in engine (leave out --engine vegeta).' },
      );
    }
  }
  const vegeta = await requireTool('vegeta', { projectRoot: options.cwd, env: options.env });
  const metrics = new Metrics(options.metrics, thresholdSubmetrics(options.thresholds));
  const checks = new CheckTree();
  const dir = await mkdtemp(join(tmpdir(), 'gauntlet-vegeta-'));
  const eventLoop = monitorEventLoopDelay({ resolution: 10 });
  eventLoop.enable();
  const start = performance.now();
  const startEpochMs = Date.now();
  let requests = 0;
  let failed = 0;
  let cpuSeconds = 0;
  const children = new Set<ReturnType<typeof spawn>>();
  const kill = () => {
    for (const child of children) child.kill('SIGINT');
  };
  options.signal?.addEventListener('abort', kill, { once: true });
  let totalMs = 0;
  try {
    await Promise.all(
      Object.entries(options.scenarios).map(async ([name, s], index) => {
        const scenario = s.scenario as Extract<Scenario, { executor: 'constant-arrival-rate' }>;
        const prepared = s.requests!;
        const plan = planScenario(scenario);
        totalMs = Math.max(totalMs, plan.startMs + plan.durationMs);
        const file = join(dir, `targets-${index}.json`);
        const lines = prepared.map((r) =>
          JSON.stringify({
            method: r.method,
            url: targetUrl(options.baseUrl, r.path),
            header: Object.fromEntries(
              Object.entries({ ...options.headers, ...r.headers }).map(([k, v]) => [k, [v]]),
            ),
            ...(r.body === undefined ? {} : { body: Buffer.from(r.body).toString('base64') }),
          }),
        );
        await writeFile(file, `${lines.join('\n')}\n`);
        if (plan.startMs > 0) await new Promise((resolve) => setTimeout(resolve, plan.startMs));
        const unitMs = plan.kind === 'open' ? 1000 : 1000;
        const rate = `${(plan.kind === 'open' ? plan.rateAt(0) : 0) * prepared.length}/${unitMs}ms`;
        const args = [
          'attack',
          `-rate=${rate}`,
          `-duration=${formatDuration(plan.durationMs)}`,
          '-format=json',
          `-targets=${file}`,
          '-timeout=60s',
          `-workers=${scenario.preAllocatedVUs}`,
          `-max-workers=${Math.max(scenario.maxVUs ?? scenario.preAllocatedVUs, scenario.preAllocatedVUs)}`,
          `-name=${name}`,
        ];
        const attack = spawn(vegeta.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        const encode = spawn(vegeta.path, ['encode', '--to', 'json'], {
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        // Listen for both exits now: `attack` often exits while `encode` is still writing, and a
        // 'close' listener added after the reading loop would wait forever on an event already
        // gone — the run would never finish and the CLI would exit with nothing printed.
        const attackClosed = new Promise<number | null>((resolve) =>
          attack.once('close', (c) => resolve(c)),
        );
        const encodeClosed = new Promise((resolve) => encode.once('close', resolve));
        children.add(attack);
        children.add(encode);
        attack.stdout.pipe(encode.stdin);
        let stderr = '';
        attack.stderr.on('data', (chunk) => {
          stderr += String(chunk);
        });
        const sampler = setInterval(() => {
          if (attack.pid)
            void cpuSecondsOf(attack.pid).then((s) => (cpuSeconds = Math.max(cpuSeconds, s)));
        }, 500);
        const checkFns = prepared.map(checksFor);
        const baseTags: Tags = { scenario: name, ...scenario.tags };
        const reader = createInterface({ input: encode.stdout });
        for await (const line of reader) {
          if (line.trim() === '') continue;
          const r = JSON.parse(line) as VegetaResult;
          const request = prepared[r.seq % prepared.length]!;
          const latencyMs = r.latency / 1e6;
          const isFailed = r.code === 0 || r.code >= 400;
          const tags: Tags = {
            ...baseTags,
            group: '',
            method: request.method,
            name: request.name,
            status: String(r.code),
            expected_response: isFailed ? 'false' : 'true',
            ...request.tags,
          };
          metrics.add('http_reqs', 1, tags);
          metrics.add('http_req_duration', latencyMs, tags);
          metrics.add('http_req_failed', isFailed ? 1 : 0, tags);
          metrics.add('data_sent', r.bytes_out, tags);
          metrics.add('data_received', r.bytes_in, tags);
          if (r.seq % prepared.length === prepared.length - 1) {
            metrics.add('iterations', 1, baseTags);
          }
          const endMs = Date.parse(r.timestamp) - startEpochMs + latencyMs;
          metrics.request(endMs, latencyMs, isFailed);
          requests++;
          if (isFailed) failed++;
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(r.headers ?? {}))
            headers[k.toLowerCase()] = v.join(', ');
          const body = r.body ? Buffer.from(r.body, 'base64').toString('utf8') : '';
          const response = { status: r.code, headers, body };
          for (const [check, fn] of Object.entries(checkFns[r.seq % prepared.length]!)) {
            let ok = false;
            try {
              ok = fn(response);
            } catch {
              ok = false;
            }
            checks.record('', check, ok);
            metrics.add('checks', ok ? 1 : 0, { ...baseTags, check });
          }
        }
        clearInterval(sampler);
        const [code] = await Promise.all([attackClosed, encodeClosed]);
        children.delete(attack);
        children.delete(encode);
        if (code !== 0 && !options.signal?.aborted) {
          throw new GauntletError(
            'GAUNTLET_E_LOAD_ENGINE',
            `Failed to run scenario "${name}" with vegeta: because vegeta attack exited with ${code}: ${stderr.trim().split('\n').at(-1) ?? ''}`,
          );
        }
      }),
    );
  } finally {
    kill();
    options.signal?.removeEventListener('abort', kill);
    eventLoop.disable();
    await rm(dir, { recursive: true, force: true });
  }
  const durationMs = performance.now() - start;
  options.onProgress?.({
    elapsedMs: durationMs,
    totalMs,
    rate: 0,
    p50: 0,
    p99: 0,
    requests,
    failed,
    iterations: requests,
    dropped: 0,
    vus: 0,
  });
  metrics.add('gauntlet_cpu', cpuSeconds / (durationMs / 1000));
  const snapshot = metrics.snapshot(durationMs);
  return buildSummary({
    snapshot,
    thresholds: options.thresholds,
    rootGroup: checks.summary(),
    durationMs,
    isStdOutTTY: options.isStdOutTTY ?? false,
    isStdErrTTY: options.isStdErrTTY ?? false,
    extras: {
      suite: options.suite,
      engine: 'vegeta',
      target: options.baseUrl,
      scenarios: executorsOf(options.scenarios),
      generator: generatorHealth({
        scheduleLagP99Ms: 0,
        eventLoopDelayP99Ms: 0,
        cpu: cpuSeconds / (durationMs / 1000),
      }),
      timeline: metrics.timeline(),
      histogram: metrics.histogram(),
      aborted: options.signal?.aborted === true,
      iterationErrors: [],
    },
  });
}
