import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';
import { type OpenPlan, planScenario } from './schedule.js';

describe('parseDuration', () => {
  it('reads k6 durations and bare seconds', () => {
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration(5)).toBe(5000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('ten seconds')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
  });
  it('formats back', () => {
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(250)).toBe('250ms');
    expect(formatDuration(5000)).toBe('5s');
  });
});

function starts(plan: OpenPlan): number[] {
  const out: number[] = [];
  for (let i = 0; ; i++) {
    const at = plan.startOf(i);
    if (at === undefined) return out;
    out.push(Math.round(at * 1000) / 1000);
  }
}

describe('planScenario: open model', () => {
  it('constant-arrival-rate spaces iterations evenly from t=0', () => {
    const plan = planScenario({
      executor: 'constant-arrival-rate',
      rate: 10,
      duration: '1s',
      preAllocatedVUs: 2,
      maxVUs: 5,
    }) as OpenPlan;
    expect(plan.kind).toBe('open');
    expect(plan.iterations).toBe(10);
    expect(starts(plan)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    expect(plan.maxVUs).toBe(5);
    expect(plan.rateAt(500)).toBe(10);
  });

  it('constant-arrival-rate honours timeUnit', () => {
    const plan = planScenario({
      executor: 'constant-arrival-rate',
      rate: 30,
      timeUnit: '1m',
      duration: '10s',
      preAllocatedVUs: 1,
    }) as OpenPlan;
    expect(plan.iterations).toBe(5);
    expect(starts(plan)).toEqual([0, 2000, 4000, 6000, 8000]);
  });

  it('ramping-arrival-rate follows the area under the rate', () => {
    // 0 → 10/s over 2 s: 10 iterations, the n-th at sqrt(2n/5) s (count = 2.5·t²).
    const plan = planScenario({
      executor: 'ramping-arrival-rate',
      startRate: 0,
      stages: [{ duration: '2s', target: 10 }],
      preAllocatedVUs: 1,
    }) as OpenPlan;
    expect(plan.iterations).toBe(10);
    const got = starts(plan);
    expect(got[0]).toBeCloseTo(Math.sqrt(2 / 5) * 1000, 0);
    expect(got[9]).toBeCloseTo(2000, 0);
    // Rising rate: gaps shrink.
    expect(got[1]! - got[0]!).toBeGreaterThan(got[9]! - got[8]!);
  });

  it('ramping-arrival-rate with a steady stage matches constant-arrival-rate', () => {
    const plan = planScenario({
      executor: 'ramping-arrival-rate',
      startRate: 20,
      stages: [{ duration: '1s', target: 20 }],
      preAllocatedVUs: 1,
    }) as OpenPlan;
    expect(plan.iterations).toBe(20);
    expect(starts(plan).slice(0, 3)).toEqual([0, 50, 100]);
  });
});

describe('planScenario: closed model', () => {
  it('ramping-vus interpolates the VU count through the stages', () => {
    const plan = planScenario({
      executor: 'ramping-vus',
      startVUs: 0,
      stages: [
        { duration: '10s', target: 10 },
        { duration: '10s', target: 0 },
      ],
    });
    expect(plan.kind).toBe('closed');
    if (plan.kind !== 'closed') return;
    expect(plan.durationMs).toBe(20_000);
    expect([0, 5000, 10_000, 15_000, 19_999].map(plan.vusAt)).toEqual([0, 5, 10, 5, 0]);
    expect(plan.maxVUs).toBe(10);
  });

  it('per-vu-iterations and shared-iterations carry their budgets', () => {
    const per = planScenario({ executor: 'per-vu-iterations', vus: 3, iterations: 4 });
    const shared = planScenario({ executor: 'shared-iterations', vus: 3, iterations: 4 });
    expect(per.kind === 'closed' && per.perVuIterations).toBe(4);
    expect(shared.kind === 'closed' && shared.sharedIterations).toBe(4);
    expect(per.durationMs).toBe(600_000);
  });
});
