import { describe, expect, it } from 'vitest';
import { compareWithBaseline } from './baseline.js';
import { CheckTree } from './checks.js';
import { BUILTIN_METRICS } from './metric-names.js';
import { Metrics } from './metrics.js';
import { buildSummary, generatorHealth, renderSummaryText, thresholdsPassed } from './summary.js';
import { parseThresholds, thresholdSubmetrics } from './thresholds.js';

function run() {
  const { groups } = parseThresholds(
    {
      http_req_duration: ['p(95)<50', 'p(99.9)<1000'],
      'http_req_duration{name:read}': ['p(95)<5'],
      http_req_failed: ['rate<0.5'],
      http_reqs: ['count>=100'],
    },
    BUILTIN_METRICS,
  );
  const metrics = new Metrics(BUILTIN_METRICS, thresholdSubmetrics(groups));
  const checks = new CheckTree();
  for (let i = 1; i <= 100; i++) {
    const name = i % 2 === 0 ? 'read' : 'write';
    const tags = { name, status: '200' };
    metrics.add('http_reqs', 1, tags);
    metrics.add('http_req_duration', i, tags);
    metrics.add('http_req_failed', i > 90 ? 1 : 0, tags);
    metrics.request(i * 10, i, i > 90);
    checks.record('::place order', 'status 201', i <= 90);
  }
  return buildSummary({
    snapshot: metrics.snapshot(1000),
    thresholds: groups,
    rootGroup: checks.summary(),
    durationMs: 1000,
    isStdOutTTY: false,
    isStdErrTTY: false,
    extras: {
      suite: 'unit',
      engine: 'builtin',
      target: 'http://127.0.0.1:1',
      scenarios: { a: { executor: 'constant-arrival-rate' } },
      generator: generatorHealth({ scheduleLagP99Ms: 1, eventLoopDelayP99Ms: 2, cpu: 0.3 }),
      timeline: metrics.timeline(),
      histogram: metrics.histogram(),
      aborted: false,
      iterationErrors: [],
    },
  });
}

describe('buildSummary', () => {
  it("is k6's handleSummary data: metrics with values and threshold results", () => {
    const summary = run();
    const d = summary.metrics.http_req_duration!;
    expect(d.type).toBe('trend');
    expect(d.contains).toBe('time');
    expect(Object.keys(d.values)).toEqual([
      'avg',
      'min',
      'med',
      'max',
      'p(90)',
      'p(95)',
      'p(99)',
      'p(99.9)',
    ]);
    expect(d.values.avg).toBe(50.5);
    expect(d.values.min).toBe(1);
    expect(d.values.max).toBe(100);
    expect(d.values['p(95)']).toBeCloseTo(95, 0);
    expect(d.thresholds).toEqual({ 'p(95)<50': { ok: false }, 'p(99.9)<1000': { ok: true } });
    expect(summary.metrics['http_req_duration{name:read}']?.values.max).toBe(100);
    expect(summary.metrics['http_req_duration{name:read}']?.thresholds).toEqual({
      'p(95)<5': { ok: false },
    });
    expect(summary.metrics.http_reqs?.values).toEqual({ count: 100, rate: 100 });
    expect(summary.metrics.http_req_failed?.values).toEqual({ rate: 0.1, passes: 10, fails: 90 });
    expect(summary.gauntlet.failedThresholds).toEqual([
      'http_req_duration: p(95)<50',
      'http_req_duration{name:read}: p(95)<5',
    ]);
    expect(thresholdsPassed(summary)).toBe(false);
    expect(summary.root_group.groups[0]).toMatchObject({
      name: 'place order',
      path: '::place order',
      checks: [{ name: 'status 201', path: '::place order::status 201', passes: 90, fails: 10 }],
    });
    expect(summary.state.testRunDurationMs).toBe(1000);
  });

  it('keeps a timeline per second and a histogram', () => {
    const summary = run();
    expect(summary.gauntlet.timeline.map((p) => p.requests)).toEqual([99, 1]);
    expect(summary.gauntlet.timeline[0]!.failed).toBe(9);
    expect(summary.gauntlet.histogram.reduce((n, b) => n + b.count, 0)).toBe(100);
  });

  it('prints the end-of-test summary with the failed thresholds marked', () => {
    const text = renderSummaryText(run());
    expect(text).toContain('✗ http_req_duration');
    expect(text).toContain('✗ threshold p(95)<50 failed');
    expect(text).toContain('✓ http_req_failed');
    expect(text).toContain('✗ status 201  (90% — ✓ 90 / ✗ 10)');
  });
});

describe('generatorHealth', () => {
  it('says when the generator, not the target, was the bottleneck', () => {
    expect(generatorHealth({ scheduleLagP99Ms: 3, eventLoopDelayP99Ms: 4, cpu: 0.5 }).keptUp).toBe(
      true,
    );
    const bad = generatorHealth({ scheduleLagP99Ms: 80, eventLoopDelayP99Ms: 4, cpu: 0.97 });
    expect(bad.keptUp).toBe(false);
    expect(bad.reasons).toEqual([
      'iterations started late (schedule lag p99 80.0 ms > 25 ms)',
      'the generator used 97% of a core',
    ]);
  });

  it('judges worker threads each by how busy it was, not the process by one core', () => {
    const thread = (n: number, utilization: number) => ({
      thread: n,
      iterations: 100,
      scheduleLagP99Ms: 1,
      eventLoopDelayP99Ms: 2,
      utilization,
    });
    // Two threads: 150% of a core for the process is fine while neither thread is saturated.
    const fine = generatorHealth({
      scheduleLagP99Ms: 1,
      eventLoopDelayP99Ms: 2,
      cpu: 1.5,
      threads: [thread(0, 0.7), thread(1, 0.8)],
    });
    expect(fine.keptUp).toBe(true);
    const busy = generatorHealth({
      scheduleLagP99Ms: 1,
      eventLoopDelayP99Ms: 2,
      cpu: 1.5,
      threads: [thread(0, 0.7), thread(1, 0.96)],
    });
    expect(busy.reasons).toEqual(['worker 1 was busy 96% of the time']);
  });
});

describe('compareWithBaseline', () => {
  it('flags latency growth, rate loss and more failures beyond the tolerance', () => {
    const before = { p95: 10, p99: 20, rate: 100, failed: 0 };
    expect(
      compareWithBaseline({ p95: 10.5, p99: 21, rate: 95, failed: 0.005 }, before, 10),
    ).toEqual([]);
    expect(compareWithBaseline({ p95: 12, p99: 20, rate: 80, failed: 0.02 }, before, 10)).toEqual([
      'p(95) 12.00 ms vs 10.00 ms (+20.0% > 10%)',
      'rate 80.0/s vs 100.0/s (−20.0% > 10%)',
      'failed 2.00% vs 0.00% (+2.00 points > 1.00)',
    ]);
  });
});
