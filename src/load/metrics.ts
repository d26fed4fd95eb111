import { build, type Histogram } from 'hdr-histogram-js';
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
}

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
}

class RateSink implements Sink {
  samples = 0;
  passes = 0;
  add(value: number): void {
    this.samples++;
    if (value !== 0) this.passes++;
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
    for (let i = 0; i < this.seconds.length; i++) {
      const s = this.seconds[i];
      const pct = (p: number) => (s && s.requests > 0 ? s.hist.getValueAtPercentile(p) / 1000 : 0);
      out.push({
        t: i,
        requests: s?.requests ?? 0,
        failed: s?.failed ?? 0,
        dropped: s?.dropped ?? 0,
        vus: s?.vus ?? 0,
        p50: pct(50),
        p90: pct(90),
        p99: pct(99),
        max: s?.max ?? 0,
      });
    }
    return out;
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
