import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { CheckTree } from '../../load/checks.js';
import type { MetricDefinition } from '../../load/metric-names.js';
import { Metrics } from '../../load/metrics.js';
import type { PreparedRequest } from '../../load/requests-iteration.js';
import { planScenario } from '../../load/schedule.js';
import {
  buildSummary,
  evaluateThresholds,
  executorsOf,
  generatorHealth,
  type LoadSummary,
  type ThreadHealth,
} from '../../load/summary.js';
import { type ThresholdGroup, thresholdSubmetrics } from '../../load/thresholds.js';
import type { IterationFunction, LoadSuite, Scenario } from '../../load/types.js';
import { createHttpDriver } from './http-driver.js';
import { Iteration, RunState, startThread } from './load-thread.js';
import type { MainMessage, ThreadTotals, WorkerInput, WorkerMessage } from './worker-protocol.js';

/** A live view of the run, once a second. */
export interface LoadProgress {
  elapsedMs: number;
  totalMs: number;
  /** Requests that ended in the last full second. */
  rate: number;
  p50: number;
  p99: number;
  requests: number;
  failed: number;
  iterations: number;
  dropped: number;
  vus: number;
}

export interface RunLoadOptions<Data = unknown> {
  suite: string;
  baseUrl: string;
  scenarios: Record<
    string,
    {
      scenario: Scenario;
      iteration: IterationFunction<Data>;
      /** The iteration's requests when it is declarative: what lets worker threads run it. */
      requests?: PreparedRequest[];
    }
  >;
  thresholds: readonly ThresholdGroup[];
  metrics: Readonly<Record<string, MetricDefinition>>;
  headers?: Record<string, string>;
  setup?: LoadSuite<Data>['setup'];
  /**
   * Threads that drive open-model scenarios of plain requests (`auto`, the default: one below
   * WORKER_MIN_RATE req/s, else one per core up to 4). Other runs use the main thread.
   */
  workers?: number | 'auto';
  signal?: AbortSignal;
  onProgress?: (progress: LoadProgress) => void;
  isStdOutTTY?: boolean;
  isStdErrTTY?: boolean;
}

/** The summed peak rate (iterations/s) from which `workers: 'auto'` spreads the schedule over threads. */
export const WORKER_MIN_RATE = 2000;

/** The highest rate a scenario asks for (open model), 0 for VU executors. */
function peakRate(scenario: Scenario): number {
  const plan = planScenario(scenario);
  if (plan.kind !== 'open') return 0;
  let peak = 0;
  for (let t = 0; t < plan.durationMs; t += Math.max(1, plan.durationMs / 200)) {
    peak = Math.max(peak, plan.rateAt(t));
  }
  return peak;
}

/**
 * How many threads run the scenarios. Worker threads need every scenario to be open-model and
 * declarative with plain requests (a function, a `setup`'s data or a contract check cannot be
 * sent to another thread): anything else runs on the main thread.
 */
export function threadCount<Data>(options: RunLoadOptions<Data>): number {
  const scenarios = Object.values(options.scenarios);
  const portable =
    options.setup === undefined &&
    scenarios.length > 0 &&
    scenarios.every(
      (s) =>
        planScenario(s.scenario).kind === 'open' &&
        s.requests !== undefined &&
        s.requests.every((r) => r.contract === undefined),
    );
  if (!portable) return 1;
  const asked = options.workers ?? 'auto';
  if (asked !== 'auto') return Math.max(1, Math.floor(asked));
  const rate = scenarios.reduce((sum, s) => sum + peakRate(s.scenario), 0);
  return rate < WORKER_MIN_RATE ? 1 : Math.min(4, Math.max(2, availableParallelism()));
}

/**
 * Starts the worker module next to this one: `load-worker.js` once built; from the sources (the
 * benchmarks run through tsx), `load-worker.ts` behind tsx's loader, which a worker thread does
 * not inherit from `--import`.
 */
function startWorker(workerData: WorkerInput): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./load-worker.js', import.meta.url), { workerData });
  }
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./load-worker.ts', import.meta.url).href;
  const bootstrap = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), {
    workerData,
  });
}

/**
 * Runs a suite's scenarios with the built-in engine and returns k6's summary data: open-model
 * executors start iterations on schedule whatever the server does (and count
 * `dropped_iterations` when `maxVUs` are all busy), closed-model executors loop VUs; latency is
 * measured from each iteration's intended start; thresholds are evaluated at the end, and every
 * second for `abortOnFail` ones; the generator's own health is measured alongside. High rates of
 * plain requests are spread over worker threads sharing one schedule (each starts every n-th
 * iteration, the VUs are counted across them), their measurements merged at the end.
 *
 * @example
 * const summary = await runLoad({ suite: 'quick', baseUrl: 'http://127.0.0.1:8080', scenarios, thresholds: [], metrics: BUILTIN_METRICS });
 */
export async function runLoad<Data>(options: RunLoadOptions<Data>): Promise<LoadSummary> {
  const cpuStart = process.cpuUsage();
  const runStart = performance.now();
  const headers = options.headers ?? {};
  let data = undefined as Data;
  const setupState = new RunState(options.metrics, options.thresholds, headers, runStart);
  if (options.setup) {
    const driver = createHttpDriver({ baseUrl: options.baseUrl, connections: 4 });
    const ctx = new Iteration<undefined>(
      setupState,
      driver,
      { scenario: 'setup' },
      undefined,
      0,
      0,
      'setup',
      undefined,
    );
    ctx.group_ = '::setup';
    try {
      data = await options.setup({ http: ctx.http });
    } finally {
      await driver.close();
    }
  }
  const plans = Object.values(options.scenarios).map((s) => planScenario(s.scenario));
  const totalMs = Math.max(0, ...plans.map((p) => p.startMs + p.durationMs));
  const threads = threadCount(options);
  const vuSlots = new Int32Array(
    threads > 1
      ? new SharedArrayBuffer(4 * plans.length)
      : new ArrayBuffer(4 * Math.max(1, plans.length)),
  );
  let scenarioStart = performance.now();
  const abortOnFail = options.thresholds
    .map((g) => ({ ...g, thresholds: g.thresholds.filter((t) => t.abortOnFail) }))
    .filter((g) => g.thresholds.length > 0);
  let aborted = false;
  const stopHandlers: Array<() => void> = [];
  const abort = () => {
    if (aborted) return;
    aborted = true;
    for (const stop of stopHandlers) stop();
  };
  options.signal?.addEventListener('abort', abort, { once: true });

  const live = new Map<number, ThreadTotals>();
  const liveMetrics = new Map<number, ReturnType<Metrics['save']>>();
  let lastCpu = process.cpuUsage();
  let lastWall = performance.now();
  const mainMetrics = new Metrics(options.metrics);
  const busyNow = () => {
    let busy = 0;
    for (let i = 0; i < vuSlots.length; i++) busy += Atomics.load(vuSlots, i);
    return busy;
  };
  const totals = (): ThreadTotals => {
    const sum = { requests: 0, failed: 0, iterations: 0, dropped: 0, p50: 0, p99: 0 };
    for (const t of live.values()) {
      sum.requests += t.requests;
      sum.failed += t.failed;
      sum.iterations += t.iterations;
      sum.dropped += t.dropped;
      sum.p50 = Math.max(sum.p50, t.p50);
      sum.p99 = Math.max(sum.p99, t.p99);
    }
    return sum;
  };
  let lastRequests = 0;
  /** Once a second on the main thread: CPU, VUs, progress, abortOnFail. */
  const tick = (state: RunState | undefined) => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    mainMetrics.add('gauntlet_cpu', (cpu.user + cpu.system) / 1000 / (now - lastWall));
    lastCpu = process.cpuUsage();
    lastWall = now;
    const busy = state ? state.busy : busyNow();
    mainMetrics.add('vus', busy);
    mainMetrics.busyVus(now - (threads > 1 ? scenarioStart : runStart), busy);
    if (state) {
      const last = state.metrics.lastFullSecond(now - state.start);
      live.set(0, {
        requests: state.requests,
        failed: state.failed,
        iterations: state.iterations,
        dropped: state.dropped,
        p50: last.p50,
        p99: last.p99,
      });
    }
    const t = totals();
    options.onProgress?.({
      elapsedMs: now - scenarioStart,
      totalMs,
      rate: Math.max(0, t.requests - lastRequests),
      p50: t.p50,
      p99: t.p99,
      requests: t.requests,
      failed: t.failed,
      iterations: t.iterations,
      dropped: t.dropped,
      vus: busy,
    });
    lastRequests = t.requests;
    if (abortOnFail.length > 0 && !aborted) {
      const merged = new Metrics(options.metrics, thresholdSubmetrics(options.thresholds));
      if (state) merged.merge(state.metrics.save());
      for (const saved of liveMetrics.values()) merged.merge(saved);
      const elapsed = now - scenarioStart;
      const results = evaluateThresholds(
        abortOnFail.map((g) => ({
          ...g,
          thresholds: g.thresholds.filter((th) => elapsed >= th.delayAbortEvalMs),
        })),
        merged.snapshot(elapsed),
      );
      if (Object.values(results).some((r) => Object.values(r).some((x) => !x.ok))) abort();
    }
  };

  const merged = new Metrics(options.metrics, thresholdSubmetrics(options.thresholds));
  const checks = new CheckTree();
  const errors = new Map<string, number>();
  const threadHealth: ThreadHealth[] = [];
  const maxBusy = plans.map(() => 0);
  merged.merge(setupState.metrics.save());
  checks.merge(setupState.checks.summary());
  let interval: NodeJS.Timeout | undefined;
  try {
    if (threads === 1) {
      const thread = startThread(
        {
          baseUrl: options.baseUrl,
          headers,
          scenarios: options.scenarios,
          thresholds: options.thresholds,
          metrics: options.metrics,
          data,
          runStart,
          scenarioStart,
          slice: { index: 0, count: 1 },
          vuSlots,
        },
        () => aborted,
        tick,
      );
      stopHandlers.push(() => thread.interrupt());
      if (options.signal?.aborted) abort();
      await thread.done;
      merged.merge(thread.state.metrics.save());
      checks.merge(thread.state.checks.summary());
      for (const [m, n] of thread.state.errors) errors.set(m, (errors.get(m) ?? 0) + n);
      thread.runs.forEach((r, i) => {
        maxBusy[i] = r.maxBusy;
      });
    } else {
      const epoch = (t: number) => performance.timeOrigin + t;
      const scenarios = Object.fromEntries(
        Object.entries(options.scenarios).map(([name, s]) => [
          name,
          { scenario: s.scenario, requests: s.requests ?? [] },
        ]),
      );
      const workers: Worker[] = [];
      const readies: Promise<void>[] = [];
      const post = (worker: Worker, message: MainMessage) => worker.postMessage(message);
      const finished = Promise.all(
        Array.from({ length: threads }, (_, index) => {
          const input: WorkerInput = {
            baseUrl: options.baseUrl,
            headers,
            scenarios,
            thresholds: options.thresholds,
            metrics: options.metrics,
            slice: { index, count: threads },
            vuSlots: vuSlots.buffer as SharedArrayBuffer,
            live: abortOnFail.length > 0,
          };
          const worker = startWorker(input);
          workers.push(worker);
          stopHandlers.push(() => post(worker, { type: 'stop' }));
          let ready: () => void = () => {};
          readies.push(new Promise<void>((resolve) => (ready = resolve)));
          return new Promise<Extract<WorkerMessage, { type: 'done' }>>((resolve, reject) => {
            let result: Extract<WorkerMessage, { type: 'done' }> | undefined;
            worker.on('message', (message: WorkerMessage) => {
              if (message.type === 'ready') ready();
              else if (message.type === 'second') {
                live.set(index, message);
                if (message.metrics) liveMetrics.set(index, message.metrics);
              } else {
                result = message;
              }
            });
            worker.once('error', (error) => {
              ready();
              reject(error);
            });
            worker.once('exit', (code) => {
              ready();
              if (result) resolve(result);
              else reject(new Error(`load worker ${index} exited with ${code} before its report`));
            });
          });
        }),
      );
      // The schedule starts once every worker has loaded and can keep it.
      await Promise.all(readies);
      scenarioStart = performance.now();
      for (const worker of workers) {
        post(worker, {
          type: 'start',
          // No setup runs in worker mode: the timeline starts with the scenarios.
          runEpochMs: epoch(scenarioStart),
          scenarioEpochMs: epoch(scenarioStart),
        });
      }
      if (options.signal?.aborted) abort();
      interval = setInterval(() => tick(undefined), 1000);
      const results = await finished.finally(() => clearInterval(interval));
      for (const r of results) {
        merged.merge(r.metrics);
        checks.merge(r.checks);
        for (const [m, n] of r.errors) errors.set(m, (errors.get(m) ?? 0) + n);
        r.maxBusy.forEach((n, i) => {
          maxBusy[i] = (maxBusy[i] ?? 0) + n;
        });
        const saved = new Metrics(options.metrics);
        saved.merge(r.metrics);
        const snap = saved.snapshot(1);
        threadHealth.push({
          thread: r.thread,
          iterations: r.iterations,
          scheduleLagP99Ms: snap.gauntlet_schedule_lag?.values['p(99)'] ?? 0,
          eventLoopDelayP99Ms: snap.gauntlet_event_loop_delay?.values['p(99)'] ?? 0,
          utilization: r.utilization,
        });
      }
    }
  } finally {
    clearInterval(interval);
    options.signal?.removeEventListener('abort', abort);
  }
  const end = performance.now();
  const durationMs = end - scenarioStart;
  const cpu = process.cpuUsage(cpuStart);
  merged.merge(mainMetrics.save());
  merged.add(
    'vus_max',
    plans.reduce(
      (sum, p, i) =>
        sum + Math.max(maxBusy[i] ?? 0, p.kind === 'open' ? p.preAllocatedVUs : p.maxVUs),
      0,
    ),
  );
  const snapshot = merged.snapshot(durationMs);
  return buildSummary({
    snapshot,
    thresholds: options.thresholds,
    rootGroup: checks.summary(),
    durationMs,
    isStdOutTTY: options.isStdOutTTY ?? false,
    isStdErrTTY: options.isStdErrTTY ?? false,
    extras: {
      suite: options.suite,
      engine: 'builtin',
      target: options.baseUrl,
      scenarios: executorsOf(options.scenarios),
      generator: generatorHealth({
        scheduleLagP99Ms: snapshot.gauntlet_schedule_lag?.values['p(99)'] ?? 0,
        eventLoopDelayP99Ms: snapshot.gauntlet_event_loop_delay?.values['p(99)'] ?? 0,
        cpu: (cpu.user + cpu.system) / 1000 / Math.max(1, end - runStart),
        threads: threadHealth,
      }),
      timeline: merged.timeline(),
      histogram: merged.histogram(),
      aborted,
      iterationErrors: [...errors].map(([message, count]) => ({ message, count })),
    },
  });
}
