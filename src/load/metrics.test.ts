import { describe, expect, it } from 'vitest';
import { CheckTree } from './checks.js';
import { BUILTIN_METRICS } from './metric-names.js';
import { Metrics } from './metrics.js';

const SUB = [{ metric: 'http_req_duration', filter: { name: 'read' } }];

/** Records request `i` the way the engine does: duration, count, failure, tags. */
function record(m: Metrics, i: number): void {
  const tags = { name: i % 3 === 0 ? 'read' : 'write' };
  m.add('http_req_duration', 1 + (i % 97) * 1.37, tags);
  m.add('http_reqs', 1, tags);
  m.add('http_req_failed', i % 10 === 0 ? 1 : 0, tags);
  m.request(i * 7, 1 + (i % 97) * 1.37, i % 10 === 0);
}

describe('Metrics.save and merge: what worker threads send back adds up to one run', () => {
  it('gives the same summary values, submetrics, timeline and histogram as one collector that saw every sample', () => {
    const whole = new Metrics(BUILTIN_METRICS, SUB);
    const parts = [new Metrics(BUILTIN_METRICS, SUB), new Metrics(BUILTIN_METRICS, SUB)];
    for (let i = 0; i < 1000; i++) {
      record(whole, i);
      record(parts[i % 2]!, i);
    }
    // Plain data, as it crosses a thread: through JSON to prove nothing else rides along.
    const merged = new Metrics(BUILTIN_METRICS, SUB);
    for (const p of parts) merged.merge(JSON.parse(JSON.stringify(p.save())));
    expect(merged.snapshot(7000)).toEqual(whole.snapshot(7000));
    expect(merged.timeline()).toEqual(whole.timeline());
    expect(merged.histogram()).toEqual(whole.histogram());
  });

  it('keeps a submetric a worker recorded even when the merging side had not declared it', () => {
    const worker = new Metrics(BUILTIN_METRICS, SUB);
    worker.add('http_req_duration', 5, { name: 'read' });
    const main = new Metrics(BUILTIN_METRICS);
    main.merge(worker.save());
    expect(main.snapshot(1000)['http_req_duration{name:read}']?.values.med).toBe(5);
  });
});

describe('CheckTree.merge', () => {
  it('adds passes and fails per group and check', () => {
    const a = new CheckTree();
    a.record('', 'status 200', true);
    a.record('::order', 'has id', false);
    const b = new CheckTree();
    b.record('::order', 'has id', true);
    b.record('', 'status 200', true);
    b.group('::empty');
    const merged = new CheckTree();
    merged.merge(a.summary());
    merged.merge(b.summary());
    const s = merged.summary();
    expect(s.checks).toEqual([
      expect.objectContaining({ name: 'status 200', passes: 2, fails: 0 }),
    ]);
    expect(s.groups.map((g) => g.name)).toEqual(['order', 'empty']);
    expect(s.groups[0]!.checks).toEqual([
      expect.objectContaining({ name: 'has id', path: '::order::has id', passes: 1, fails: 1 }),
    ]);
  });
});
