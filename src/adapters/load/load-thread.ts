import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { CheckTree } from '../../load/checks.js';
import { parseDuration } from '../../load/duration.js';
import type { MetricDefinition } from '../../load/metric-names.js';
import { Metrics } from '../../load/metrics.js';
import type { ClosedPlan, OpenPlan, Plan } from '../../load/schedule.js';
import { planScenario } from '../../load/schedule.js';
import { type ThresholdGroup, thresholdSubmetrics } from '../../load/thresholds.js';
import type {
  IterationContext,
  IterationFunction,
  LoadHttp,
  LoadResponse,
  RequestParams,
  Scenario,
  Tags,
} from '../../load/types.js';
import { createHttpDriver, type HttpDriver } from './http-driver.js';

const DEFAULT_TIMEOUT_MS = 60_000;

/** Which share of each open-model schedule a thread starts: iterations `index`, `index + count`, … */
export interface ThreadSlice {
  index: number;
  count: number;
}

/** Request/metric plumbing shared by every iteration of one thread. */
export class RunState {
  readonly metrics: Metrics;
  readonly checks = new CheckTree();
  readonly errors = new Map<string, number>();
  /** Whether any metric has a tag-filtered submetric: tags are built per sample only then. */
  readonly tagged: boolean;
  requests = 0;
  failed = 0;
  iterations = 0;
  dropped = 0;
  busy = 0;
  constructor(
    definitions: Readonly<Record<string, MetricDefinition>>,
    thresholds: readonly ThresholdGroup[],
    readonly headers: Record<string, string>,
    /** The run's start on this thread's clock (`performance.now()`): the timeline's zero. */
    readonly start: number,
  ) {
    const submetrics = thresholdSubmetrics(thresholds);
    this.metrics = new Metrics(definitions, submetrics);
    this.tagged = submetrics.some((s) => Object.keys(s.filter).length > 0);
  }

  iterationError(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (this.errors.size < 50 || this.errors.has(message)) {
      this.errors.set(message, (this.errors.get(message) ?? 0) + 1);
    }
  }
}

/** k6's `http` module for one iteration (methods on the prototype: nothing allocated per call). */
class IterationHttp implements LoadHttp {
  constructor(private readonly it: Iteration<unknown>) {}
  request(method: string, path: string, body?: unknown, params?: RequestParams) {
    return this.it.request(method, path, body, params);
  }
  get(path: string, params?: RequestParams) {
    return this.it.request('GET', path, undefined, params);
  }
  post(path: string, body?: unknown, params?: RequestParams) {
    return this.it.request('POST', path, body, params);
  }
  put(path: string, body?: unknown, params?: RequestParams) {
    return this.it.request('PUT', path, body, params);
  }
  patch(path: string, body?: unknown, params?: RequestParams) {
    return this.it.request('PATCH', path, body, params);
  }
  del(path: string, body?: unknown, params?: RequestParams) {
    return this.it.request('DELETE', path, body, params);
  }
}

/** One iteration's context: k6's API over the scenario's driver. */
export class Iteration<Data> implements IterationContext<Data> {
  group_ = '';
  /** The iteration's intended start, used by its first request (then cleared). */
  pendingIntended: number | undefined;
  interrupted = false;
  readonly http: LoadHttp = new IterationHttp(this as Iteration<unknown>);
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
  }

  async request(
    method: string,
    path: string,
    body: unknown,
    params: RequestParams | undefined,
  ): Promise<LoadResponse> {
    const run = this.run;
    let headers = run.headers;
    if (params?.headers) headers = { ...headers, ...params.headers };
    let payload: string | Uint8Array | undefined;
    if (body === undefined || body === null) payload = undefined;
    else if (typeof body === 'string' || body instanceof Uint8Array) payload = body;
    else {
      payload = JSON.stringify(body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers = { ...headers, 'content-type': 'application/json' };
      }
    }
    const upper = method.toUpperCase();
    const intended = this.pendingIntended ?? performance.now();
    this.pendingIntended = undefined;
    const timeout = params?.timeout === undefined ? undefined : parseDuration(params.timeout);
    const { response, timings } = await this.driver.send(
      {
        method: upper,
        url: path,
        headers,
        ...(payload === undefined ? {} : { body: payload }),
        timeoutMs: timeout ?? DEFAULT_TIMEOUT_MS,
      },
      intended,
    );
    if (this.interrupted) return response;
    const failed = response.status === 0 || response.status >= 400;
    const tags: Tags | undefined = run.tagged
      ? {
          ...this.baseTags,
          group: this.group_,
          method: upper,
          name: params?.tags?.name ?? path.split('?')[0]!,
          status: String(response.status),
          expected_response: failed ? 'false' : 'true',
          ...params?.tags,
        }
      : undefined;
    const m = run.metrics;
    const t = response.timings;
    m.add('http_reqs', 1, tags);
    m.add('http_req_duration', t.duration, tags);
    m.add('http_req_blocked', t.blocked, tags);
    m.add('http_req_connecting', t.connecting, tags);
    m.add('http_req_tls_handshaking', t.tls_handshaking, tags);
    m.add('http_req_sending', t.sending, tags);
    m.add('http_req_waiting', t.waiting, tags);
    m.add('http_req_receiving', t.receiving, tags);
    m.add('gauntlet_http_req_sent_duration', timings.end - timings.dispatched, tags);
    m.add('http_req_failed', failed ? 1 : 0, tags);
    m.add('data_sent', timings.bytesSent, tags);
    m.add('data_received', timings.bytesReceived, tags);
    m.request(timings.end - run.start, t.duration, failed);
    run.requests++;
    if (failed) run.failed++;
    return response;
  }

  check<T>(value: T, checks: Record<string, (value: T) => boolean>, tags?: Tags): boolean {
    let all = true;
    for (const name in checks) {
      let ok: boolean;
      try {
        ok = checks[name]!(value) === true;
      } catch {
        ok = false;
      }
      all &&= ok;
      if (this.interrupted) continue;
      this.run.checks.record(this.group_, name, ok);
      this.run.metrics.add(
        'checks',
        ok ? 1 : 0,
        this.run.tagged || tags
          ? { ...this.baseTags, group: this.group_, check: name, ...tags }
          : undefined,
      );
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

/**
 * One scenario running on one thread: its driver, its in-flight iterations, its stop. The
 * scenario's VUs are counted in `vuSlots[slot]`, shared by every thread of the run (an
 * Int32Array on a SharedArrayBuffer in worker mode), so `maxVUs` holds for the whole run.
 */
export class ScenarioRun<Data> {
  readonly driver: HttpDriver;
  private readonly inflight = new Set<Iteration<Data>>();
  private readonly pending = new Set<Promise<void>>();
  stopped = false;
  readonly tags: Tags;
  private nextVu: number;
  private readonly freeVus: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
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
    private readonly vuSlots: Int32Array,
    private readonly slot: number,
    connections: number,
  ) {
    this.driver = createHttpDriver({ baseUrl, connections: Math.max(1, connections) });
    this.tags = { scenario: name, ...scenarioTags };
    this.nextVu = firstVu;
  }

  private takeVu(step: number): number {
    const vu = this.freeVus.pop();
    if (vu !== undefined) return vu;
    const next = this.nextVu;
    this.nextVu += step;
    return next;
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
    if (this.inflight.size > this.maxBusy) this.maxBusy = this.inflight.size;
    const from = intended ?? performance.now();
    this.run.metrics.busyVus(from - this.run.start, this.run.busy);
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

  /** Hard stop: running iterations are interrupted and not counted; the schedule ends. */
  interrupt(): void {
    this.stopped = true;
    for (const ctx of this.inflight) ctx.interrupted = true;
    this.driver.abortAll('interrupted: the scenario ended');
    clearTimeout(this.timer);
    this.wake?.();
  }

  /**
   * Arrival-rate executors: starts this thread's share of the schedule (iterations `slice.index`,
   * `+ slice.count`, …) when each is due, and counts it in `dropped_iterations` when every VU of
   * the run is busy — never later. The loop sleeps on a timer between due times (Node's timers
   * have 1 ms granularity, so an iteration may start up to ~1 ms late: that lag is measured,
   * and counted in its latency, which runs from the intended start).
   */
  async runOpen(plan: OpenPlan, t0: number, slice: ThreadSlice): Promise<void> {
    let i = slice.index;
    const { vuSlots, slot } = this;
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      const tick = () => {
        if (this.stopped) return resolve();
        const now = performance.now();
        const elapsed = now - t0;
        let at = plan.startOf(i);
        while (at !== undefined && at <= elapsed) {
          const intended = t0 + at;
          if (Atomics.add(vuSlots, slot, 1) < plan.maxVUs) {
            const vu = this.takeVu(slice.count);
            this.run.metrics.add('gauntlet_schedule_lag', now - intended, this.tags);
            this.iterate(vu, i, intended).then(() => {
              Atomics.sub(vuSlots, slot, 1);
              this.freeVus.push(vu);
            });
          } else {
            Atomics.sub(vuSlots, slot, 1);
            this.run.dropped++;
            this.run.metrics.add('dropped_iterations', 1, this.tags);
            this.run.metrics.dropped(now - this.run.start);
          }
          i += slice.count;
          at = plan.startOf(i);
        }
        if (at === undefined || at >= plan.durationMs) return resolve();
        this.timer = setTimeout(tick, Math.max(0, at - (performance.now() - t0)));
      };
      tick();
    });
    this.wake = undefined;
  }

  /** VU executors: loops of iterations, as many as `vusAt(t)`, within the iteration budgets. */
  async runClosed(plan: ClosedPlan, t0: number): Promise<void> {
    let active = 0;
    let shared = 0;
    const loops: Promise<void>[] = [];
    const loop = async (slot: number) => {
      const vu = this.takeVu(1);
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

/** What one thread needs to run its share of the scenarios. */
export interface ThreadOptions<Data> {
  baseUrl: string;
  headers: Record<string, string>;
  scenarios: Record<string, { scenario: Scenario; iteration: IterationFunction<Data> }>;
  thresholds: readonly ThresholdGroup[];
  metrics: Readonly<Record<string, MetricDefinition>>;
  data: Data;
  /** The run's start and the scenarios' start, on this thread's `performance.now()` clock. */
  runStart: number;
  scenarioStart: number;
  slice: ThreadSlice;
  /** Busy VUs per scenario (in `scenarios` order), shared by the run's threads. */
  vuSlots: Int32Array;
}

/** A thread's share of the run, under way. */
export interface ThreadRun<Data> {
  state: RunState;
  runs: ScenarioRun<Data>[];
  /** Interrupts every scenario now (the run's hard stop). */
  interrupt(): void;
  /** Resolves when every scenario ended and drained (`aborted()` true: without grace). */
  done: Promise<void>;
  /** The thread's busy share since it started (Node's event-loop utilization, 0–1). */
  utilization(): number;
}

/**
 * Runs a thread's share of a run's scenarios: every scenario in single-thread mode, or the
 * open-model scenarios' `slice` in a worker thread. Scenarios start at their `startTime`,
 * run, then drain within `gracefulStop` (no grace once `aborted()` is true).
 *
 * @example
 * const thread = startThread({ ...options, slice: { index: 0, count: 1 }, vuSlots: new Int32Array(1) }, () => false);
 * await thread.done;
 */
export function startThread<Data>(
  options: ThreadOptions<Data>,
  aborted: () => boolean,
  everySecond?: (state: RunState) => void,
): ThreadRun<Data> {
  const state = new RunState(
    options.metrics,
    options.thresholds,
    options.headers,
    options.runStart,
  );
  const eventLoop = monitorEventLoopDelay({ resolution: 10 });
  eventLoop.enable();
  const elu = performance.eventLoopUtilization();
  // Each second: this thread's event-loop delay p99 over that second, then the caller's hook.
  let sampled = 0;
  const sampler = setInterval(() => {
    state.metrics.add('gauntlet_event_loop_delay', eventLoop.percentile(99) / 1e6);
    eventLoop.reset();
    sampled++;
    everySecond?.(state);
  }, 1000);
  const runs: ScenarioRun<Data>[] = [];
  let firstVu = 1 + options.slice.index;
  let slot = 0;
  for (const [name, { scenario, iteration }] of Object.entries(options.scenarios)) {
    const plan = planScenario(scenario);
    // A thread holds at most its share of the VUs in connections; the shared count caps the rest.
    const connections = Math.ceil(plan.maxVUs / options.slice.count);
    runs.push(
      new ScenarioRun(
        state,
        name,
        plan,
        iteration,
        options.data,
        options.baseUrl,
        firstVu,
        scenario.tags,
        options.vuSlots,
        slot++,
        connections,
      ),
    );
    firstVu += plan.maxVUs;
  }
  const done = Promise.all(
    runs.map(async (r) => {
      if (r.plan.startMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, r.plan.startMs));
      }
      const t0 = options.scenarioStart + r.plan.startMs;
      if (!r.stopped) {
        if (r.plan.kind === 'open') await r.runOpen(r.plan, t0, options.slice);
        else await r.runClosed(r.plan, t0);
      }
      await r.drain(aborted() ? 0 : r.plan.gracefulStopMs);
    }),
  ).then(() => {
    clearInterval(sampler);
    if (sampled === 0)
      state.metrics.add('gauntlet_event_loop_delay', eventLoop.percentile(99) / 1e6);
    eventLoop.disable();
  });
  return {
    state,
    runs,
    done,
    interrupt: () => {
      for (const r of runs) r.interrupt();
    },
    utilization: () => performance.eventLoopUtilization(elu).utilization,
  };
}
