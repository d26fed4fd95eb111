import { describe, expect, it } from 'vitest';
import { BUILTIN_METRICS } from './metric-names.js';
import { holds, parseExpression, parseKey, parseThresholds } from './thresholds.js';
import { lineOf, validateSuite } from './validate-suite.js';

describe('threshold grammar', () => {
  it('parses k6 expressions', () => {
    expect(parseExpression('p(95)<200')).toEqual({
      aggregation: 'p(95)',
      percentile: 95,
      operator: '<',
      value: 200,
      source: 'p(95)<200',
    });
    expect(parseExpression('rate < 0.01')?.value).toBe(0.01);
    expect(parseExpression('count>=100')?.operator).toBe('>=');
    expect(parseExpression('p(99.9) <= 1e3')?.percentile).toBe(99.9);
    expect(parseExpression('p95<200')).toBeUndefined();
    expect(parseExpression('avg<<2')).toBeUndefined();
  });

  it('parses tag filters in keys', () => {
    expect(parseKey('http_req_duration{name:place-order, method: POST}')).toEqual({
      metric: 'http_req_duration',
      filter: { name: 'place-order', method: 'POST' },
    });
    expect(parseKey('http_req_duration{name}')).toBeUndefined();
  });

  it('evaluates like k6, and fails a trend that measured nothing', () => {
    expect(holds(parseExpression('p(95)<200')!, { 'p(95)': 120 })).toBe(true);
    expect(holds(parseExpression('p(95)<200')!, { 'p(95)': 250 })).toBe(false);
    expect(holds(parseExpression('rate<0.01')!, {})).toBe(true);
    expect(holds(parseExpression('count>0')!, {})).toBe(false);
    expect(holds(parseExpression('p(95)<200')!, {})).toBe(false);
  });

  it('names every problem: bad expression, unknown metric, wrong aggregation', () => {
    const { problems, groups } = parseThresholds(
      {
        http_req_duration: ['p(95)<200', 'p95<200'],
        http_req_durations: ['p(95)<200'],
        http_reqs: ['p(95)<10'],
        'http_req_failed{scenario:a}': [
          { threshold: 'rate<0.1', abortOnFail: true, delayAbortEval: '5s' },
        ],
      },
      BUILTIN_METRICS,
    );
    expect(problems.map((p) => p.needle)).toEqual(['p95<200', 'http_req_durations', 'p(95)<10']);
    expect(problems[1]!.message).toContain('does not exist');
    expect(problems[2]!.message).toContain('a counter: it has count, rate');
    const failed = groups.find((g) => g.metric === 'http_req_failed')!;
    expect(failed.filter).toEqual({ scenario: 'a' });
    expect(failed.thresholds[0]).toMatchObject({ abortOnFail: true, delayAbortEvalMs: 5000 });
  });
});

describe('validateSuite', () => {
  const source = [
    "import { defineLoad } from 'gauntlet';",
    'export default defineLoad({',
    '  scenarios: {',
    "    browse: { executor: 'constant-arival-rate', rate: 5, duration: '10s', preAllocatedVUs: 2, requests: ['GET /x'] },",
    "    ramp: { executor: 'ramping-vus', stages: [{ duration: 'ten', target: 5 }], requests: ['GET /x'] },",
    '  },',
    "  thresholds: { http_req_duration: ['p(95)<<200'], nope: ['count>1'] },",
    '});',
  ].join('\n');
  const suite = {
    scenarios: {
      browse: {
        executor: 'constant-arival-rate',
        rate: 5,
        duration: '10s',
        preAllocatedVUs: 2,
        requests: ['GET /x'],
      },
      ramp: {
        executor: 'ramping-vus',
        stages: [{ duration: 'ten', target: 5 }],
        requests: ['GET /x'],
      },
    },
    thresholds: { http_req_duration: ['p(95)<<200'], nope: ['count>1'] },
  };

  it('lists every problem with a line to point at', () => {
    const { problems } = validateSuite(suite);
    expect(problems.map((p) => [lineOf(source, p.needle), p.message])).toEqual([
      [
        4,
        'scenario "browse": unknown executor "constant-arival-rate" (known: constant-arrival-rate, ramping-arrival-rate, constant-vus, ramping-vus, per-vu-iterations, shared-iterations)',
      ],
      [5, 'scenario "ramp": stage duration "ten" is not a duration like "30s"'],
      [
        7,
        'threshold "p(95)<<200" of "http_req_duration" does not parse: write "aggregation operator number", e.g. "p(95)<200", "rate<0.01", "count>100"',
      ],
      [
        7,
        'threshold on metric "nope", which does not exist (built-in: http_req_duration, http_req_failed, http_reqs, checks, iterations, ...; or declare it in the suite\'s metrics)',
      ],
    ]);
  });

  it('accepts custom metrics in thresholds once declared', () => {
    const ok = validateSuite({
      scenarios: { a: { executor: 'shared-iterations', requests: ['GET /'] } },
      metrics: { orders_placed: 'counter' },
      thresholds: { orders_placed: ['count>0'] },
    });
    expect(ok.problems).toEqual([]);
    expect(ok.thresholds[0]?.metric).toBe('orders_placed');
  });

  it('needs the options each executor needs', () => {
    const { problems } = validateSuite({
      scenarios: { a: { executor: 'constant-arrival-rate', rate: 0, requests: [] } },
    });
    expect(problems.map((p) => p.message)).toEqual([
      'scenario "a": "rate" must be a positive number, not 0',
      'scenario "a": constant-arrival-rate needs "duration" (a duration like "30s")',
      'scenario "a": constant-arrival-rate needs "preAllocatedVUs"',
    ]);
  });
});
