import { describe, expect, it } from 'vitest';
import { BUILTIN_METRICS } from '../../load/metric-names.js';
import { requestsIteration } from '../../load/requests-iteration.js';
import type { Scenario } from '../../load/types.js';
import { type RunLoadOptions, threadCount } from './run-load.js';

const plain = [{ method: 'GET', path: '/', headers: {}, name: '/' }];
const rate = (n: number): Scenario => ({
  executor: 'constant-arrival-rate',
  rate: n,
  duration: '10s',
  preAllocatedVUs: 10,
});
const options = (
  scenario: Scenario,
  extra: Partial<RunLoadOptions> & {
    requests?: RunLoadOptions['scenarios'][string]['requests'];
  } = {},
): RunLoadOptions => {
  const { requests = plain, ...rest } = extra;
  return {
    suite: 't',
    baseUrl: 'http://127.0.0.1:9',
    scenarios: {
      s: { scenario, iteration: requestsIteration(plain), ...(requests ? { requests } : {}) },
    },
    thresholds: [],
    metrics: BUILTIN_METRICS,
    ...rest,
  };
};

describe('threadCount: when the schedule is spread over worker threads', () => {
  it('keeps low rates on the main thread and spreads high rates of plain requests', () => {
    expect(threadCount(options(rate(500)))).toBe(1);
    expect(threadCount(options(rate(5000)))).toBeGreaterThanOrEqual(2);
    expect(threadCount(options(rate(500), { workers: 3 }))).toBe(3);
  });

  it('keeps on the main thread what cannot cross to another thread', () => {
    const contract = [{ ...plain[0]!, contract: () => [] }];
    expect(threadCount(options(rate(5000), { requests: contract }))).toBe(1);
    expect(threadCount(options(rate(5000), { workers: 2, setup: () => ({}) }))).toBe(1);
    const vus: Scenario = { executor: 'constant-vus', vus: 50, duration: '10s' };
    expect(threadCount(options(vus, { workers: 2 }))).toBe(1);
    const fn = options(rate(5000), { workers: 2 });
    delete fn.scenarios.s!.requests;
    expect(threadCount(fn)).toBe(1);
  });
});
