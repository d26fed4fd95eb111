import type { LoadSummary } from './summary.js';

/** What a baseline keeps of one suite's run: the figures a regression is judged on. */
export interface BaselineEntry {
  p95: number;
  p99: number;
  /** http_reqs per second. */
  rate: number;
  /** http_req_failed rate (0..1). */
  failed: number;
}

/** What `gauntlet load --baseline FILE` saves and compares with: one entry per suite. */
export interface Baseline {
  gauntletLoadBaseline: 1;
  suites: Record<string, BaselineEntry>;
}

/** The baseline figures of one run. */
export function baselineEntry(summary: LoadSummary): BaselineEntry {
  const d = summary.metrics.http_req_duration?.values ?? {};
  return {
    p95: d['p(95)'] ?? 0,
    p99: d['p(99)'] ?? 0,
    rate: summary.metrics.http_reqs?.values.rate ?? 0,
    failed: summary.metrics.http_req_failed?.values.rate ?? 0,
  };
}

/**
 * Compares a run with its baseline: p(95) and p(99) may not grow, nor the request rate shrink,
 * by more than `tolerancePct` percent; the failure rate may not grow by more than
 * `tolerancePct` percentage points / 10 (10% → 1 point). Returns the regressions (empty = fine).
 *
 * @example
 * compareWithBaseline({ p95: 12, p99: 30, rate: 100, failed: 0 }, { p95: 10, p99: 20, rate: 100, failed: 0 }, 10);
 * // ['p(95) 12.00 ms vs 10.00 ms (+20.0% > 10%)', 'p(99) 30.00 ms vs 20.00 ms (+50.0% > 10%)']
 */
export function compareWithBaseline(
  now: BaselineEntry,
  before: BaselineEntry,
  tolerancePct: number,
): string[] {
  const out: string[] = [];
  const grow = (label: string, a: number, b: number) => {
    if (b <= 0) return;
    const change = ((a - b) / b) * 100;
    if (change > tolerancePct) {
      out.push(
        `${label} ${a.toFixed(2)} ms vs ${b.toFixed(2)} ms (+${change.toFixed(1)}% > ${tolerancePct}%)`,
      );
    }
  };
  grow('p(95)', now.p95, before.p95);
  grow('p(99)', now.p99, before.p99);
  if (before.rate > 0) {
    const change = ((before.rate - now.rate) / before.rate) * 100;
    if (change > tolerancePct) {
      out.push(
        `rate ${now.rate.toFixed(1)}/s vs ${before.rate.toFixed(1)}/s (−${change.toFixed(1)}% > ${tolerancePct}%)`,
      );
    }
  }
  const points = tolerancePct / 1000;
  if (now.failed - before.failed > points) {
    out.push(
      `failed ${(now.failed * 100).toFixed(2)}% vs ${(before.failed * 100).toFixed(2)}% (+${((now.failed - before.failed) * 100).toFixed(2)} points > ${(points * 100).toFixed(2)})`,
    );
  }
  return out;
}

/** Whether parsed JSON is a saved baseline. */
export function isBaseline(value: unknown): value is Baseline {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Baseline).gauntletLoadBaseline === 1 &&
    typeof (value as Baseline).suites === 'object'
  );
}
