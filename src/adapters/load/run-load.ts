import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { CheckTree } from '../../load/checks.js';
import { parseDuration } from '../../load/duration.js';
import type { MetricDefinition } from '../../load/metric-names.js';
import { Metrics } from '../../load/metrics.js';
import type { ClosedPlan, OpenPlan, Plan } from '../../load/schedule.js';
import { planScenario } from '../../load/schedule.js';
import {
  buildSummary,
  evaluateThresholds,
  executorsOf,
  generatorHealth,
  type LoadSummary,
} from '../../load/summary.js';
import { type ThresholdGroup, thresholdSubmetrics } from '../../load/thresholds.js';
import type {
  IterationContext,
  IterationFunction,
  LoadHttp,
  LoadResponse,
  LoadSuite,
  RequestParams,
  Scenario,
  Tags,
} from '../../load/types.js';
import { createHttpDriver, type HttpDriver } from './http-driver.js';

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
  scenarios: Record<string, { scenario: Scenario; iteration: IterationFunction<Data> }>;
  thresholds: readonly ThresholdGroup[];
  metrics: Readonly<Record<string, MetricDefinition>>;
  headers?: Record<string, string>;
  setup?: LoadSuite<Data>['setup'];
  signal?: AbortSignal;
  onProgress?: (progress: LoadProgress) => void;
  isStdOutTTY?: boolean;
  isStdErrTTY?: boolean;
}

const DEFAULT_TIMEOUT_MS = 60_000;

interface IterationErrors {
  counts: Map<string, number>;
}

/** Request/metric plumbing shared by every iteration of a run. */
class RunState {
  readonly metrics: Metrics;
  readonly checks = new CheckTree();
  readonly errors: IterationErrors = { counts: new Map() };
  readonly start = performance.now();
  requests = 0;
  failed = 0;
  iterations = 0;
  dropped = 0;
  busy = 0;
  constructor(
    definitions: Readonly<Record<string, MetricDefinition>>,
    thresholds: readonly ThresholdGroup[],
    readonly headers: Record<string, string>,
  ) {
    this.metrics = new Metrics(definitions, thresholdSubmetrics(thresholds));
  }

  iterationError(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (this.errors.counts.size < 50 || this.errors.counts.has(message)) {
      this.errors.counts.set(message, (this.errors.counts.get(message) ?? 0) + 1);
    }
  }
}

/** One iteration's context: k6's API over the scenario's driver. */
class Iteration<Data> implements IterationContext<Data> {
  group_ = '';
  /** The iteration's intended start, used by its first request (then cleared). */
  pendingIntended: number | undefined;
  interrupted = false;
  readonly http: LoadHttp;
  constructor(
    private readonly run: RunState,
    private readonly driver: HttpDriver,
    private readonly baseTags: Tags,
    readonly data: Data,
    readonly vu: number,
    readonly iteration: number,
    readonly scenario: string,
    intended: number | undefined,
  ) {
    this.pendingIntended = intended;
    const request = (method: string, path: string, body?: unknown, params?: RequestParams) =>
      this.request(method, path, body, params);
    this.http = {
      request,
      get: (path, params) => request('GET', path, undefined, params),
      post: (path, body, params) => request('POST', path, body, params),
      put: (path, body, params) => request('PUT', path, body, params),
      patch: (path, body, params) => request('PATCH', path, body, params),
      del: (path, body, params) => request('DELETE', path, body, params),
    };
  }

  private async request(
    method: string,
    path: string,
    body: unknown,
    params: RequestParams | undefined,
  ): Promise<LoadResponse> {
    const headers: Record<string, string> = { ...this.run.headers, ...params?.headers };
    let payload: string | Uint8Array | undefined;
    if (body === undefined || body === null) payload = undefined;
    else if (typeof body === 'string' || body instanceof Uint8Array) payload = body;
    else {
      payload = JSON.stringify(body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['content-type'] = 'application/json';
      }
    }
    const intended = this.pendingIntended ?? performance.now();
    this.pendingIntended = undefined;
    const timeout = params?.timeout === undefined ? undefined : parseDuration(params.timeout);
    const { response, timings } = await this.driver.send(
      {
        method: method.toUpperCase(),
        url: path,
        headers,
        ...(payload === undefined ? {} : { body: payload }),
        timeoutMs: timeout ?? DEFAULT_TIMEOUT_MS,
      },
      intended,
    );
    if (this.interrupted) return response;
    const failed = response.status === 0 || response.status >= 400;
    const tags: Tags = {
      ...this.baseTags,
      group: this.group_,
      method: method.toUpperCase(),
      name: params?.tags?.name ?? path.split('?')[0]!,
      status: String(response.status),
      expected_response: failed ? 'false' : 'true',
      ...params?.tags,
    };
    const m = this.run.metrics;
    m.add('http_reqs', 1, tags);
    m.add('http_req_duration', response.timings.duration, tags);
    m.add('http_req_blocked', response.timings.blocked, tags);
    m.add('http_req_waiting', response.timings.waiting, tags);
    m.add('http_req_receiving', response.timings.receiving, tags);
    m.add('http_req_failed', failed ? 1 : 0, tags);
    m.add('data_sent', timings.bytesSent, tags);
    m.add('data_received', timings.bytesReceived, tags);
    m.request(timings.end - this.run.start, response.timings.duration, failed);
    this.run.requests++;
    if (failed) this.run.failed++;
    return response;
  }

  check<T>(value: T, checks: Record<string, (value: T) => boolean>, tags?: Tags): boolean {
    let all = true;
    for (const [name, predicate] of Object.entries(checks)) {
      let ok: boolean;
      try {
        ok = predicate(value) === true;
      } catch {
        ok = false;
      }
      all &&= ok;
      if (this.interrupted) continue;
      this.run.checks.record(this.group_, name, ok);
      this.run.metrics.add('checks', ok ? 1 : 0, {
        ...this.baseTags,
        group: this.group_,
        check: name,
        ...tags,
      });
    }
    return all;
  }

  async group<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
    const outer = this.group_;
    this.group_ = `${outer}::${name}`;
    this.run.checks.group(this.group_);
    const started = performance.now();
    try {
      return await fn();
    } finally {
      if (!this.interrupted) {
        this.run.metrics.add('group_duration', performance.now() - started, {
          ...this.baseTags,
          group: this.group_,
        });
      }
      this.group_ = outer;
    }
  }

  sleep(seconds: number): Promise<void> {
    this.pendingIntended = undefined;
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, seconds * 1000)));
  }

  add(metric: string, value: number, tags?: Tags): void {
    if (!this.interrupted) this.run.metrics.add(metric, value, { ...this.baseTags, ...tags });
  }
}

/** One scenario running: its driver, its in-flight iterations, its stop. */
class ScenarioRun<Data> {
  readonly driver: HttpDriver;
  private readonly inflight = new Set<Iteration<Data>>();
  private readonly pending = new Set<Promise<void>>();
  stopped = false;
  readonly tags: Tags;
  private nextVu: number;
  private readonly freeVus: number[] = [];
  maxBusy = 0;

  constructor(
    private readonly run: RunState,
    readonly name: string,
    readonly plan: Plan,
    private readonly fn: IterationFunction<Data>,
    private readonly data: Data,
    baseUrl: string,
    firstVu: number,
    scenarioTags: Tags | undefined,
  ) {
    this.driver = createHttpDriver({ baseUrl, connections: Math.max(1, plan.maxVUs) });
    this.tags = { scenario: name, ...scenarioTags };
    this.nextVu = firstVu;
  }

  private takeVu(): number {
    return this.freeVus.pop() ?? this.nextVu++;
  }

  /** Runs one iteration on a VU; resolves when it ends (never rejects). */
  iterate(vu: number, index: number, intended: number | undefined): Promise<void> {
    const ctx = new Iteration(
      this.run,
      this.driver,
      this.tags,
      this.data,
      vu,
      index,
      this.name,
      intended,
    );
    this.inflight.add(ctx);
    this.run.busy++;
    this.maxBusy = Math.max(this.maxBusy, this.inflight.size);
    this.run.metrics.busyVus(performance.now() - this.run.start, this.run.busy);
    const from = intended ?? performance.now();
    const done = (async () => {
      try {
        await this.fn(ctx);
      } catch (error) {
        if (!ctx.interrupted) this.run.iterationError(error);
      } finally {
        this.inflight.delete(ctx);
        this.run.busy--;
        if (!ctx.interrupted) {
          this.run.iterations++;
          this.run.metrics.add('iterations', 1, this.tags);
          this.run.metrics.add('iteration_duration', performance.now() - from, this.tags);
        }
      }
    })();
    this.pending.add(done);
    done.then(() => this.pending.delete(done));
    return done;
  }

  /** Waits up to `gracefulStop` for running iterations, then interrupts what is left. */
  async drain(graceMs: number): Promise<void> {
    if (this.pending.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all([...this.pending]),
        new Promise((resolve) => {
          timer = setTimeout(resolve, graceMs);
        }),
      ]);
      clearTimeout(timer);
    }
    this.interrupt();
    await this.driver.close();
  }

  /** Hard stop: running iterations are interrupted and not counted. */
  interrupt(): void {
    this.stopped = true;
    for (const ctx of this.inflight) ctx.interrupted = true;
    this.driver.abortAll('interrupted: the scenario ended');
  }

  /** Arrival-rate executors: start each iteration when due; drop it when no VU is free. */
  async runOpen(plan: OpenPlan, t0: number): Promise<void> {
    let i = 0;
    let busy = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        if (this.stopped) return resolve();
        const now = performance.now();
        const elapsed = now - t0;
        let at = plan.startOf(i);
        while (at !== undefined && at <= elapsed) {
          const intended = t0 + at;
          if (busy < plan.maxVUs) {
            busy++;
            const vu = this.takeVu();
            this.run.metrics.add('gauntlet_schedule_lag', now - intended, this.tags);
            this.iterate(vu, i, intended).then(() => {
              busy--;
              this.freeVus.push(vu);
            });
          } else {
            this.run.dropped++;
            this.run.metrics.add('dropped_iterations', 1, this.tags);
            this.run.metrics.dropped(now - this.run.start);
          }
          i++;
          at = plan.startOf(i);
        }
        if (at === undefined || at >= plan.durationMs) return resolve();
        const wait = at - (performance.now() - t0);
        if (wait < 1) setImmediate(tick);
        else setTimeout(tick, Math.floor(wait));
      };
      tick();
    });
  }

  /** VU executors: loops of iterations, as many as `vusAt(t)`, within the iteration budgets. */
  async runClosed(plan: ClosedPlan, t0: number): Promise<void> {
    let active = 0;
    let shared = 0;
    const loops: Promise<void>[] = [];
    const loop = async (slot: number) => {
      const vu = this.takeVu();
      let n = 0;
      while (!this.stopped) {
        const elapsed = performance.now() - t0;
        if (elapsed >= plan.durationMs || slot >= plan.vusAt(elapsed)) break;
        if (plan.perVuIterations !== undefined && n >= plan.perVuIterations) break;
        if (plan.sharedIterations !== undefined) {
          if (shared >= plan.sharedIterations) break;
          shared++;
        }
        await this.iterate(vu, n, undefined);
        n++;
      }
      active--;
    };
    const ended = () =>
      this.stopped ||
      performance.now() - t0 >= plan.durationMs ||
      (plan.perVuIterations !== undefined && active === 0 && loops.length > 0) ||
      (plan.sharedIterations !== undefined && shared >= plan.sharedIterations && active === 0);
    // Iteration budgets start their VUs once: a VU done with its budget is not replaced.
    const budgeted = plan.perVuIterations !== undefined || plan.sharedIterations !== undefined;
    while (!ended()) {
      const target = plan.vusAt(performance.now() - t0);
      while (active < target && !(budgeted && loops.length >= target)) {
        const slot = active++;
        loops.push(loop(slot));
      }
      if (budgeted && active === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * Runs a suite's scenarios with the built-in engine and returns k6's summary data: open-model
 * executors start iterations on schedule whatever the server does (and count
 * `dropped_iterations` when `maxVUs` are all busy), closed-model executors loop VUs; latency is
 * measured from each iteration's intended start; thresholds are evaluated at the end, and every
 * second for `abortOnFail` ones; the generator's own health is measured alongside.
 *
 * @example
 * const summary = await runLoad({ suite: 'quick', baseUrl: 'http://127.0.0.1:8080', scenarios, thresholds: [], metrics: BUILTIN_METRICS });
 */
export async function runLoad<Data>(options: RunLoadOptions<Data>): Promise<LoadSummary> {
  const run = new RunState(options.metrics, options.thresholds, options.headers ?? {});
  const eventLoop = monitorEventLoopDelay({ resolution: 10 });
  eventLoop.enable();
  const cpuStart = process.cpuUsage();
  let data = undefined as Data;
  if (options.setup) {
    const driver = createHttpDriver({ baseUrl: options.baseUrl, connections: 4 });
    const ctx = new Iteration<undefined>(
      run,
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
  const scenarioStart = performance.now();
  let firstVu = 1;
  const runs: ScenarioRun<Data>[] = [];
  for (const [name, { scenario, iteration }] of Object.entries(options.scenarios)) {
    const plan = planScenario(scenario);
    runs.push(
      new ScenarioRun(run, name, plan, iteration, data, options.baseUrl, firstVu, scenario.tags),
    );
    firstVu += plan.maxVUs;
  }
  const totalMs = Math.max(0, ...runs.map((r) => r.plan.startMs + r.plan.durationMs));
  let aborted = false;
  const abort = () => {
    aborted = true;
    for (const r of runs) r.interrupt();
  };
  options.signal?.addEventListener('abort', abort, { once: true });
  let lastCpu = process.cpuUsage();
  let lastWall = performance.now();
  let seen = 0;
  const abortOnFail = options.thresholds
    .map((g) => ({ ...g, thresholds: g.thresholds.filter((t) => t.abortOnFail) }))
    .filter((g) => g.thresholds.length > 0);
  const everySecond = setInterval(() => {
    const now = performance.now();
    const elapsed = now - run.start;
    const cpu = process.cpuUsage(lastCpu);
    run.metrics.add('gauntlet_cpu', (cpu.user + cpu.system) / 1000 / (now - lastWall));
    lastCpu = process.cpuUsage();
    lastWall = now;
    run.metrics.add('gauntlet_event_loop_delay', eventLoop.percentile(99) / 1e6);
    eventLoop.reset();
    run.metrics.add('vus', run.busy);
    run.metrics.busyVus(elapsed, run.busy);
    const timeline = run.metrics.timeline();
    const last = timeline[Math.floor(elapsed / 1000) - 1];
    options.onProgress?.({
      elapsedMs: now - scenarioStart,
      totalMs,
      rate: last?.requests ?? 0,
      p50: last?.p50 ?? 0,
      p99: last?.p99 ?? 0,
      requests: run.requests,
      failed: run.failed,
      iterations: run.iterations,
      dropped: run.dropped,
      vus: run.busy,
    });
    seen++;
    if (abortOnFail.length > 0 && !aborted) {
      const snapshot = run.metrics.snapshot(now - scenarioStart);
      const results = evaluateThresholds(
        abortOnFail.map((g) => ({
          ...g,
          thresholds: g.thresholds.filter((t) => now - scenarioStart >= t.delayAbortEvalMs),
        })),
        snapshot,
      );
      if (Object.values(results).some((r) => Object.values(r).some((x) => !x.ok))) abort();
    }
  }, 1000);
  try {
    await Promise.all(
      runs.map(async (r) => {
        if (r.plan.startMs > 0) {
          await new Promise((resolve) => setTimeout(resolve, r.plan.startMs));
        }
        const t0 = scenarioStart + r.plan.startMs;
        if (!r.stopped) {
          if (r.plan.kind === 'open') await r.runOpen(r.plan, t0);
          else await r.runClosed(r.plan, t0);
        }
        await r.drain(aborted ? 0 : r.plan.gracefulStopMs);
      }),
    );
  } finally {
    clearInterval(everySecond);
    options.signal?.removeEventListener('abort', abort);
    eventLoop.disable();
  }
  const end = performance.now();
  const durationMs = end - scenarioStart;
  const cpu = process.cpuUsage(cpuStart);
  if (seen === 0) run.metrics.add('gauntlet_event_loop_delay', eventLoop.percentile(99) / 1e6);
  run.metrics.add(
    'vus_max',
    runs.reduce(
      (sum, r) =>
        sum + Math.max(r.maxBusy, r.plan.kind === 'open' ? r.plan.preAllocatedVUs : r.plan.maxVUs),
      0,
    ),
  );
  const snapshot = run.metrics.snapshot(durationMs);
  const lag = snapshot.gauntlet_schedule_lag?.values['p(99)'] ?? 0;
  const eld = snapshot.gauntlet_event_loop_delay?.values['p(99)'] ?? 0;
  return buildSummary({
    snapshot,
    thresholds: options.thresholds,
    rootGroup: run.checks.summary(),
    durationMs,
    isStdOutTTY: options.isStdOutTTY ?? false,
    isStdErrTTY: options.isStdErrTTY ?? false,
    extras: {
      suite: options.suite,
      engine: 'builtin',
      target: options.baseUrl,
      scenarios: executorsOf(options.scenarios),
      generator: generatorHealth({
        scheduleLagP99Ms: lag,
        eventLoopDelayP99Ms: eld,
        cpu: (cpu.user + cpu.system) / 1000 / Math.max(1, end - run.start),
      }),
      timeline: run.metrics.timeline(),
      histogram: run.metrics.histogram(),
      aborted,
      iterationErrors: [...run.errors.counts].map(([message, count]) => ({ message, count })),
    },
  });
}
