import {
  build,
  decodeFromCompressedBase64,
  encodeIntoCompressedBase64,
  type Histogram,
} from 'hdr-histogram-js';
import type { MetricDefinition } from './metric-names.js';
import type { Tags } from './types.js';

/** Trend values are recorded in microseconds (hdr histograms hold integers): 1 µs … 1 h. */
const HIGHEST_US = 3_600_000_000;

function histogram(digits: number): Histogram {
  return build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: digits as 2 | 3,
    useWebAssembly: false,
  });
}

/** The percentiles every trend reports (k6's default `summaryTrendStats` plus p(99)). */
export const TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'] as const;

interface Sink {
  add(value: number): void;
  values(elapsedMs: number, extraPercentiles: readonly number[]): Record<string, number>;
  readonly samples: number;
  /** Plain data another thread can send and `merge` back in. */
  save(): SinkState;
  merge(state: SinkState): void;
}

/** A sink as plain, structured-cloneable data (trend histograms as hdr's compressed base64). */
export type SinkState =
  | { kind: 'trend'; samples: number; sum: number; min: number; max: number; hist: string }
  | { kind: 'counter'; samples: number; count: number }
  | { kind: 'rate'; samples: number; passes: number }
  | { kind: 'gauge'; samples: number; value: number; min: number; max: number };

const decode = (hist: string): Histogram => decodeFromCompressedBase64(hist, 32, false);

class TrendSink implements Sink {
  readonly hist = histogram(3);
  samples = 0;
  private sum = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;
  add(value: number): void {
    this.samples++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    this.hist.recordValue(Math.min(HIGHEST_US, Math.max(1, Math.round(value * 1000))));
  }
  percentile(p: number): number {
    // Exact ends, hdr (3 significant digits) between them.
    if (p >= 100) return this.max;
    if (p <= 0) return this.min;
    return Math.min(this.max, Math.max(this.min, this.hist.getValueAtPercentile(p) / 1000));
  }
  save(): SinkState {
    return {
      kind: 'trend',
      samples: this.samples,
      sum: this.sum,
      min: this.min,
      max: this.max,
      hist: encodeIntoCompressedBase64(this.hist),
    };
  }
  merge(state: SinkState): void {
    if (state.kind !== 'trend' || state.samples === 0) return;
    this.samples += state.samples;
    this.sum += state.sum;
    this.min = Math.min(this.min, state.min);
    this.max = Math.max(this.max, state.max);
    this.hist.add(decode(state.hist));
  }
  values(_elapsed: number, extra: readonly number[]): Record<string, number> {
    if (this.samples === 0) return {};
    const out: Record<string, number> = {
      avg: this.sum / this.samples,
      min: this.min,
      med: this.percentile(50),
      max: this.max,
      'p(90)': this.percentile(90),
      'p(95)': this.percentile(95),
      'p(99)': this.percentile(99),
    };
    for (const p of extra) out[`p(${p})`] = this.percentile(p);
    return out;
  }
}

class CounterSink implements Sink {
  samples = 0;
  count = 0;
  add(value: number): void {
    this.samples++;
    this.count += value;
  }
  values(elapsedMs: number): Record<string, number> {
    return { count: this.count, rate: elapsedMs > 0 ? (this.count * 1000) / elapsedMs : 0 };
  }
  save(): SinkState {
    return { kind: 'counter', samples: this.samples, count: this.count };
  }
  merge(state: SinkState): void {
    if (state.kind !== 'counter') return;
    this.samples += state.samples;
    this.count += state.count;
  }
}

class RateSink implements Sink {
  samples = 0;
  passes = 0;
  add(value: number): void {
    this.samples++;
    if (value !== 0) this.passes++;
  }
  save(): SinkState {
    return { kind: 'rate', samples: this.samples, passes: this.passes };
  }
  merge(state: SinkState): void {
    if (state.kind !== 'rate') return;
    this.samples += state.samples;
    this.passes += state.passes;
  }
  values(): Record<string, number> {
    return {
      rate: this.samples === 0 ? 0 : this.passes / this.samples,
      passes: this.passes,
      fails: this.samples - this.passes,
    };
  }
}

class GaugeSink implements Sink {
  samples = 0;
  private value = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;
  add(value: number): void {
    this.samples++;
    this.value = value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }
  values(): Record<string, number> {
    return this.samples === 0 ? {} : { value: this.value, min: this.min, max: this.max };
  }
  save(): SinkState {
    return {
      kind: 'gauge',
      samples: this.samples,
      value: this.value,
      min: this.min,
      max: this.max,
    };
  }
  /** Gauges from several threads: the largest last value (the main thread keeps the run's own). */
  merge(state: SinkState): void {
    if (state.kind !== 'gauge' || state.samples === 0) return;
    this.value = this.samples === 0 ? state.value : Math.max(this.value, state.value);
    this.samples += state.samples;
    this.min = Math.min(this.min, state.min);
    this.max = Math.max(this.max, state.max);
  }
}

function sinkFor(type: MetricDefinition['type']): Sink {
  switch (type) {
    case 'trend':
      return new TrendSink();
    case 'counter':
      return new CounterSink();
    case 'rate':
      return new RateSink();
    case 'gauge':
      return new GaugeSink();
  }
}

interface Submetric {
  filter: [string, string][];
  sink: Sink;
}

interface MetricState {
  definition: MetricDefinition;
  sink: Sink;
  submetrics: Submetric[];
}

export interface MetricSnapshot extends MetricDefinition {
  values: Record<string, number>;
  samples: number;
}

/** One second of the run, for the report's "latency over time". */
export interface TimelinePoint {
  /** Seconds from the start of the run. */
  t: number;
  requests: number;
  failed: number;
  dropped: number;
  /** Peak VUs busy in this second. */
  vus: number;
  /** http_req_duration of the requests that ended in this second (ms). */
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

interface Second {
  requests: number;
  failed: number;
  dropped: number;
  vus: number;
  hist: Histogram;
  max: number;
}

/** A `Metrics` as plain data: what a worker thread sends back to be merged. */
export interface MetricsState {
  metrics: Array<{
    name: string;
    sink: SinkState;
    submetrics: Array<{ filter: [string, string][]; sink: SinkState }>;
  }>;
  seconds: Array<{
    index: number;
    requests: number;
    failed: number;
    dropped: number;
    vus: number;
    max: number;
    hist: string;
  }>;
  bins: number[];
}

/** Log-spaced latency bins for the report's histogram: 0.1 ms … 100 s, 10 bins per decade. */
const BIN_LOW_MS = 0.1;
const BINS_PER_DECADE = 10;
const BIN_COUNT = 6 * BINS_PER_DECADE;

export interface HistogramBin {
  /** Lower and upper edge in ms. */
  from: number;
  to: number;
  count: number;
}

/**
 * Collects samples by metric name and tags, as k6's metric sinks do: trends in hdr histograms
 * (3 significant digits), counters, rates, gauges; the submetrics that thresholds filter on
 * (`http_req_duration{name:read}`) get their own sinks. Pure: time comes in as numbers.
 *
 * @example
 * const m = new Metrics(BUILTIN_METRICS, [{ metric: 'http_req_duration', filter: { name: 'read' } }]);
 * m.add('http_req_duration', 12.5, { name: 'read' });
 * m.snapshot(1000).http_req_duration.values['p(95)']; // 12.5
 */
export class Metrics {
  private readonly metrics = new Map<string, MetricState>();
  private readonly seconds: Second[] = [];
  private readonly bins = new Array<number>(BIN_COUNT + 2).fill(0);
  private readonly percentiles = new Map<string, Set<number>>();

  constructor(
    private readonly definitions: Readonly<Record<string, MetricDefinition>>,
    submetrics: ReadonlyArray<{
      metric: string;
      filter: Tags;
      percentiles?: readonly number[];
    }> = [],
  ) {
    for (const sub of submetrics) {
      const state = this.state(sub.metric);
      if (!state) continue;
      const key = submetricKey(sub.metric, sub.filter);
      const extra = this.percentiles.get(key) ?? new Set<number>();
      for (const p of sub.percentiles ?? []) extra.add(p);
      this.percentiles.set(key, extra);
      if (Object.keys(sub.filter).length === 0) continue;
      if (
        state.submetrics.some((s) => submetricKey(sub.metric, Object.fromEntries(s.filter)) === key)
      )
        continue;
      state.submetrics.push({
        filter: Object.entries(sub.filter),
        sink: sinkFor(state.definition.type),
      });
    }
  }

  private state(name: string): MetricState | undefined {
    let state = this.metrics.get(name);
    if (!state) {
      const definition = this.definitions[name];
      if (!definition) return undefined;
      state = { definition, sink: sinkFor(definition.type), submetrics: [] };
      this.metrics.set(name, state);
    }
    return state;
  }

  /** Whether `name` is a metric this collector knows (built-in or declared). */
  has(name: string): boolean {
    return name in this.definitions;
  }

  /** Records one sample; unknown metric names are ignored (the suite's validation names them). */
  add(name: string, value: number, tags?: Tags): void {
    const state = this.state(name);
    if (!state) return;
    state.sink.add(value);
    if (state.submetrics.length === 0 || !tags) return;
    for (const sub of state.submetrics) {
      let match = true;
      for (const [tag, expected] of sub.filter) {
        if (tags[tag] !== expected) {
          match = false;
          break;
        }
      }
      if (match) sub.sink.add(value);
    }
  }

  private second(atMs: number): Second {
    const index = Math.max(0, Math.floor(atMs / 1000));
    let second = this.seconds[index];
    if (!second) {
      second = { requests: 0, failed: 0, dropped: 0, vus: 0, hist: histogram(2), max: 0 };
      this.seconds[index] = second;
    }
    return second;
  }

  /** One finished request for the timeline and the latency histogram (`atMs` from the run's start). */
  request(atMs: number, durationMs: number, failed: boolean): void {
    const second = this.second(atMs);
    second.requests++;
    if (failed) second.failed++;
    if (durationMs > second.max) second.max = durationMs;
    second.hist.recordValue(Math.min(HIGHEST_US, Math.max(1, Math.round(durationMs * 1000))));
    const bin =
      durationMs <= BIN_LOW_MS
        ? 0
        : Math.min(
            BIN_COUNT + 1,
            1 + Math.floor(Math.log10(durationMs / BIN_LOW_MS) * BINS_PER_DECADE),
          );
    this.bins[bin] = (this.bins[bin] ?? 0) + 1;
  }

  dropped(atMs: number): void {
    this.second(atMs).dropped++;
  }

  busyVus(atMs: number, vus: number): void {
    const second = this.second(atMs);
    if (vus > second.vus) second.vus = vus;
  }

  /** Per-second points (seconds with nothing recorded are zero rows, so the chart has no holes). */
  timeline(): TimelinePoint[] {
    const out: TimelinePoint[] = [];
    for (let i = 0; i < this.seconds.length; i++) out.push(this.point(i));
    return out;
  }

  /** The second before the one `atMs` falls in (the last full second), for live progress. */
  lastFullSecond(atMs: number): TimelinePoint {
    return this.point(Math.max(0, Math.floor(atMs / 1000) - 1));
  }

  private point(i: number): TimelinePoint {
    const s = this.seconds[i];
    const pct = (p: number) => (s && s.requests > 0 ? s.hist.getValueAtPercentile(p) / 1000 : 0);
    return {
      t: i,
      requests: s?.requests ?? 0,
      failed: s?.failed ?? 0,
      dropped: s?.dropped ?? 0,
      vus: s?.vus ?? 0,
      p50: pct(50),
      p90: pct(90),
      p99: pct(99),
      max: s?.max ?? 0,
    };
  }

  /** The http_req_duration histogram in log-spaced bins, trimmed to the bins in use. */
  histogram(): HistogramBin[] {
    const edge = (i: number) => BIN_LOW_MS * 10 ** ((i - 1) / BINS_PER_DECADE);
    const all = this.bins.map((count, i) => ({
      from: i === 0 ? 0 : edge(i),
      to: i === BIN_COUNT + 1 ? Number.POSITIVE_INFINITY : edge(i + 1),
      count,
    }));
    const first = all.findIndex((b) => b.count > 0);
    if (first < 0) return [];
    const last = all.length - 1 - [...all].reverse().findIndex((b) => b.count > 0);
    return all.slice(first, last + 1);
  }

  /** Everything recorded so far as plain data (see `merge`). */
  save(): MetricsState {
    const seconds: MetricsState['seconds'] = [];
    this.seconds.forEach((s, index) => {
      if (s) {
        seconds.push({
          index,
          requests: s.requests,
          failed: s.failed,
          dropped: s.dropped,
          vus: s.vus,
          max: s.max,
          hist: encodeIntoCompressedBase64(s.hist),
        });
      }
    });
    return {
      metrics: [...this.metrics].map(([name, state]) => ({
        name,
        sink: state.sink.save(),
        submetrics: state.submetrics.map((sub) => ({ filter: sub.filter, sink: sub.sink.save() })),
      })),
      seconds,
      bins: [...this.bins],
    };
  }

  /**
   * Adds what another collector recorded (another thread's, through `save`): trends merge
   * their histograms, counters and rates add up, the timeline adds second by second.
   */
  merge(saved: MetricsState): void {
    for (const m of saved.metrics) {
      const state = this.state(m.name);
      if (!state) continue;
      state.sink.merge(m.sink);
      for (const sub of m.submetrics) {
        const key = submetricKey(m.name, Object.fromEntries(sub.filter));
        let mine = state.submetrics.find(
          (s) => submetricKey(m.name, Object.fromEntries(s.filter)) === key,
        );
        if (!mine) {
          mine = { filter: sub.filter, sink: sinkFor(state.definition.type) };
          state.submetrics.push(mine);
        }
        mine.sink.merge(sub.sink);
      }
    }
    for (const s of saved.seconds) {
      const second = this.second(s.index * 1000);
      second.requests += s.requests;
      second.failed += s.failed;
      second.dropped += s.dropped;
      second.vus = Math.max(second.vus, s.vus);
      second.max = Math.max(second.max, s.max);
      second.hist.add(decode(s.hist));
    }
    saved.bins.forEach((count, i) => {
      this.bins[i] = (this.bins[i] ?? 0) + count;
    });
  }

  /**
   * Every metric with samples (and every metric a threshold names, even without), with its
   * summary values; submetrics under their k6 key `name{tag:value}`.
   */
  snapshot(elapsedMs: number): Record<string, MetricSnapshot> {
    const out: Record<string, MetricSnapshot> = {};
    const extra = (key: string) => [...(this.percentiles.get(key) ?? [])];
    for (const [name, state] of this.metrics) {
      out[name] = {
        ...state.definition,
        values: state.sink.values(elapsedMs, extra(name)),
        samples: state.sink.samples,
      };
      for (const sub of state.submetrics) {
        const key = submetricKey(name, Object.fromEntries(sub.filter));
        out[key] = {
          ...state.definition,
          values: sub.sink.values(elapsedMs, extra(key)),
          samples: sub.sink.samples,
        };
      }
    }
    return out;
  }
}

/** k6's key for a submetric: `metric{tag:value,tag2:value}` in the filter's order. */
export function submetricKey(metric: string, filter: Tags): string {
  const entries = Object.entries(filter);
  if (entries.length === 0) return metric;
  return `${metric}{${entries.map(([k, v]) => `${k}:${v}`).join(',')}}`;
}
