import type { GroupSummary } from './checks.js';
import { allChecks } from './checks.js';
import type { HistogramBin, MetricSnapshot, TimelinePoint } from './metrics.js';
import { submetricKey, TREND_STATS } from './metrics.js';
import { holds, type ThresholdGroup } from './thresholds.js';

/** One metric in k6's `handleSummary` data. */
export interface SummaryMetric {
  type: MetricSnapshot['type'];
  contains: MetricSnapshot['contains'];
  values: Record<string, number>;
  /** Expression → whether it held (k6 writes `{ ok: boolean }`). */
  thresholds?: Record<string, { ok: boolean }>;
}

/** One thread of the generator (worker mode): how late it started its share, how busy it was. */
export interface ThreadHealth {
  thread: number;
  iterations: number;
  scheduleLagP99Ms: number;
  eventLoopDelayP99Ms: number;
  /** Share of the run its event loop was busy (Node's event-loop utilization, 0–1). */
  utilization: number;
}

/** How well the load generator itself kept up: a slow generator must not pass for a slow server. */
export interface GeneratorHealth {
  /** p99 of how late iterations started against their schedule (ms). */
  scheduleLagP99Ms: number;
  /** p99 of the generator's event-loop delay (ms). */
  eventLoopDelayP99Ms: number;
  /** Generator CPU over the run, as a share of one core (1 = one core fully busy; above 1 with threads). */
  cpu: number;
  /** The worker threads that drove the open-model scenarios (empty: the main thread did). */
  threads: ThreadHealth[];
  /** False when the generator was the bottleneck; `reasons` say why. */
  keptUp: boolean;
  reasons: string[];
}

/** Limits above which the generator, not the target, is taken to be the bottleneck. */
export const GENERATOR_LIMITS = {
  scheduleLagP99Ms: 25,
  eventLoopDelayP99Ms: 50,
  cpu: 0.9,
  utilization: 0.9,
};

/**
 * Judges generator health from its measurements.
 *
 * @example
 * generatorHealth({ scheduleLagP99Ms: 80, eventLoopDelayP99Ms: 5, cpu: 0.97 }).keptUp; // false
 */
export function generatorHealth(measured: {
  scheduleLagP99Ms: number;
  eventLoopDelayP99Ms: number;
  cpu: number;
  threads?: ThreadHealth[];
}): GeneratorHealth {
  const threads = measured.threads ?? [];
  const reasons: string[] = [];
  const f = (n: number) => n.toFixed(1);
  if (measured.scheduleLagP99Ms > GENERATOR_LIMITS.scheduleLagP99Ms) {
    reasons.push(
      `iterations started late (schedule lag p99 ${f(measured.scheduleLagP99Ms)} ms > ${GENERATOR_LIMITS.scheduleLagP99Ms} ms)`,
    );
  }
  if (measured.eventLoopDelayP99Ms > GENERATOR_LIMITS.eventLoopDelayP99Ms) {
    reasons.push(
      `the event loop was blocked (delay p99 ${f(measured.eventLoopDelayP99Ms)} ms > ${GENERATOR_LIMITS.eventLoopDelayP99Ms} ms)`,
    );
  }
  if (threads.length === 0 && measured.cpu > GENERATOR_LIMITS.cpu) {
    reasons.push(`the generator used ${Math.round(measured.cpu * 100)}% of a core`);
  }
  for (const t of threads) {
    if (t.utilization > GENERATOR_LIMITS.utilization) {
      reasons.push(`worker ${t.thread} was busy ${Math.round(t.utilization * 100)}% of the time`);
    }
  }
  return { ...measured, threads, keptUp: reasons.length === 0, reasons };
}

/**
 * Each scenario's executor, for the summary (`{ browse: { executor: 'constant-arrival-rate' } }`).
 */
export function executorsOf(
  scenarios: Readonly<Record<string, { scenario: { executor: string } }>>,
): Record<string, { executor: string }> {
  return Object.fromEntries(
    Object.entries(scenarios).map(([name, s]) => [name, { executor: s.scenario.executor }]),
  );
}

/** Gauntlet's part of the summary, next to k6's keys. */
export interface GauntletSummaryExtras {
  suite: string;
  engine: 'builtin' | 'vegeta';
  target: string;
  scenarios: Record<string, { executor: string }>;
  generator: GeneratorHealth;
  timeline: TimelinePoint[];
  histogram: HistogramBin[];
  /** True when an `abortOnFail` threshold stopped the run early. */
  aborted: boolean;
  /** Exceptions thrown by iterations, by message (at most 50 different ones). */
  iterationErrors: Array<{ message: string; count: number }>;
  /** Threshold keys that failed (`http_req_duration: p(95)<200`). */
  failedThresholds: string[];
}

/** k6's `handleSummary` data, plus Gauntlet's `gauntlet` key. */
export interface LoadSummary {
  root_group: GroupSummary;
  options: { summaryTrendStats: string[]; summaryTimeUnit: string; noColor: boolean };
  state: { isStdOutTTY: boolean; isStdErrTTY: boolean; testRunDurationMs: number };
  metrics: Record<string, SummaryMetric>;
  gauntlet: GauntletSummaryExtras;
}

/**
 * Evaluates thresholds against a metrics snapshot: per threshold key, each expression's result.
 *
 * @example
 * evaluateThresholds(groups, snapshot); // { 'http_req_duration': { 'p(95)<200': { ok: true } } }
 */
export function evaluateThresholds(
  groups: readonly ThresholdGroup[],
  snapshot: Readonly<Record<string, MetricSnapshot>>,
): Record<string, Record<string, { ok: boolean }>> {
  const out: Record<string, Record<string, { ok: boolean }>> = {};
  for (const group of groups) {
    const metric = snapshot[submetricKey(group.metric, group.filter)];
    const values = metric?.values ?? {};
    const results: Record<string, { ok: boolean }> = {};
    for (const t of group.thresholds) results[t.source] = { ok: holds(t, values) };
    out[group.key] = results;
  }
  return out;
}

export interface BuildSummaryInput {
  snapshot: Record<string, MetricSnapshot>;
  thresholds: readonly ThresholdGroup[];
  rootGroup: GroupSummary;
  durationMs: number;
  isStdOutTTY: boolean;
  isStdErrTTY: boolean;
  extras: Omit<GauntletSummaryExtras, 'failedThresholds'>;
}

/**
 * The run as k6's `handleSummary` data: every metric with its values and, where thresholds
 * name it, their results; the group/check tree; the run's state.
 */
export function buildSummary(input: BuildSummaryInput): LoadSummary {
  const results = evaluateThresholds(input.thresholds, input.snapshot);
  const metrics: Record<string, SummaryMetric> = {};
  for (const [name, m] of Object.entries(input.snapshot).sort(([a], [b]) => a.localeCompare(b))) {
    metrics[name] = { type: m.type, contains: m.contains, values: m.values };
  }
  const failed: string[] = [];
  for (const group of input.thresholds) {
    const key = submetricKey(group.metric, group.filter);
    const snap = input.snapshot[key];
    const metric = metrics[key] ?? {
      type: snap?.type ?? 'trend',
      contains: snap?.contains ?? 'default',
      values: {},
    };
    metric.thresholds = { ...metric.thresholds, ...results[group.key] };
    metrics[key] = metric;
    for (const [source, r] of Object.entries(results[group.key] ?? {})) {
      if (!r.ok) failed.push(`${key}: ${source}`);
    }
  }
  return {
    root_group: input.rootGroup,
    options: { summaryTrendStats: [...TREND_STATS], summaryTimeUnit: '', noColor: false },
    state: {
      isStdOutTTY: input.isStdOutTTY,
      isStdErrTTY: input.isStdErrTTY,
      testRunDurationMs: input.durationMs,
    },
    metrics,
    gauntlet: { ...input.extras, failedThresholds: failed },
  };
}

/** Whether every threshold held (k6 exits 99 when one did not). */
export function thresholdsPassed(summary: LoadSummary): boolean {
  return summary.gauntlet.failedThresholds.length === 0;
}

function formatValue(value: number, contains: SummaryMetric['contains']): string {
  if (contains === 'time') {
    if (value >= 1000) return `${(value / 1000).toFixed(2)}s`;
    if (value >= 1) return `${value.toFixed(2)}ms`;
    return `${(value * 1000).toFixed(2)}µs`;
  }
  if (contains === 'data') {
    if (value >= 1e6) return `${(value / 1e6).toFixed(1)} MB`;
    if (value >= 1e3) return `${(value / 1e3).toFixed(1)} kB`;
    return `${value} B`;
  }
  return Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/0+$/, '');
}

/**
 * The end-of-test summary as text, in k6's layout: checks, then each metric with its values
 * (✓/✗ before a metric with thresholds), then the generator's health.
 */
export function renderSummaryText(summary: LoadSummary): string {
  const lines: string[] = [];
  const checks = allChecks(summary.root_group);
  for (const c of checks) {
    const total = c.passes + c.fails;
    const pct = total === 0 ? 0 : Math.round((c.passes / total) * 100);
    lines.push(
      `  ${c.fails === 0 ? '✓' : '✗'} ${c.name}  (${pct}% — ✓ ${c.passes} / ✗ ${c.fails})`,
    );
  }
  if (checks.length > 0) lines.push('');
  const names = Object.keys(summary.metrics);
  const width = Math.max(20, ...names.map((n) => n.length)) + 2;
  for (const name of names) {
    const m = summary.metrics[name]!;
    const mark = m.thresholds ? (Object.values(m.thresholds).every((t) => t.ok) ? '✓' : '✗') : ' ';
    let text: string;
    switch (m.type) {
      case 'trend':
        text = TREND_STATS.filter((s) => m.values[s] !== undefined)
          .map((s) => `${s}=${formatValue(m.values[s]!, m.contains)}`)
          .join(' ');
        break;
      case 'counter':
        text = `${formatValue(m.values.count ?? 0, m.contains)}  ${(m.values.rate ?? 0).toFixed(1)}/s`;
        break;
      case 'rate':
        text = `${((m.values.rate ?? 0) * 100).toFixed(2)}%  ✓ ${m.values.passes ?? 0}  ✗ ${m.values.fails ?? 0}`;
        break;
      case 'gauge':
        text = `${formatValue(m.values.value ?? 0, m.contains)}  min=${formatValue(m.values.min ?? 0, m.contains)} max=${formatValue(m.values.max ?? 0, m.contains)}`;
        break;
    }
    lines.push(`  ${mark} ${`${name}`.padEnd(width, '.')}: ${text}`);
    for (const [source, r] of Object.entries(m.thresholds ?? {})) {
      if (!r.ok) lines.push(`      ✗ threshold ${source} failed`);
    }
  }
  const g = summary.gauntlet.generator;
  lines.push('');
  lines.push(
    `  generator: schedule lag p99 ${g.scheduleLagP99Ms.toFixed(1)} ms, event-loop delay p99 ${g.eventLoopDelayP99Ms.toFixed(1)} ms, CPU ${Math.round(g.cpu * 100)}% of a core${g.threads.length > 0 ? ` over ${g.threads.length} worker threads` : ''}`,
  );
  for (const t of g.threads) {
    lines.push(
      `    worker ${t.thread}: ${t.iterations} iterations, schedule lag p99 ${t.scheduleLagP99Ms.toFixed(1)} ms, event-loop delay p99 ${t.eventLoopDelayP99Ms.toFixed(1)} ms, busy ${Math.round(t.utilization * 100)}%`,
    );
  }
  if (!g.keptUp) {
    lines.push(
      `  ! the generator could not keep up: ${g.reasons.join('; ')}. Latencies include its own delay: do not read them as the server's.`,
    );
  }
  if (summary.gauntlet.aborted) lines.push('  ! the run was aborted by an abortOnFail threshold');
  return `${lines.join('\n')}\n`;
}
