import { parseDuration } from './duration.js';
import type { Scenario, Stage } from './types.js';

/**
 * An executor turned into a schedule: pure functions of time (ms from the scenario's start),
 * so the engine only asks "what is due now?" and the tests can check the arithmetic directly.
 */
export type Plan = OpenPlan | ClosedPlan;

interface PlanBase {
  /** Offset of the scenario from the start of the run. */
  startMs: number;
  /** How long new iterations may start. */
  durationMs: number;
  gracefulStopMs: number;
}

/** Arrival-rate executors: iteration `i` is due at `startOf(i)` whatever the server does. */
export interface OpenPlan extends PlanBase {
  kind: 'open';
  /** When iteration `i` (0-based) is due, or `undefined` when the schedule has no such iteration. */
  startOf(i: number): number | undefined;
  /** How many iterations the schedule holds. */
  iterations: number;
  /** The rate (iterations per second) the schedule asks for at time `t`. */
  rateAt(t: number): number;
  preAllocatedVUs: number;
  maxVUs: number;
}

/** VU executors: `vusAt(t)` VUs loop; iteration budgets where the executor has one. */
export interface ClosedPlan extends PlanBase {
  kind: 'closed';
  vusAt(t: number): number;
  maxVUs: number;
  /** per-vu-iterations: each VU stops after this many. */
  perVuIterations?: number;
  /** shared-iterations: the VUs stop once this many have started. */
  sharedIterations?: number;
  /** ramping-vus: how long a VU above target may finish its iteration. */
  gracefulRampDownMs: number;
}

interface Segment {
  from: number;
  to: number;
  startMs: number;
  lengthMs: number;
}

function segments(start: number, stages: readonly Stage[]): Segment[] {
  const out: Segment[] = [];
  let from = start;
  let at = 0;
  for (const stage of stages) {
    const lengthMs = parseDuration(stage.duration) ?? 0;
    out.push({ from, to: stage.target, startMs: at, lengthMs });
    from = stage.target;
    at += lengthMs;
  }
  return out;
}

/** Linear interpolation through the stages at time `t` (the last target after the end). */
function valueAt(segs: readonly Segment[], start: number, t: number): number {
  for (const s of segs) {
    if (t < s.startMs + s.lengthMs) {
      if (s.lengthMs === 0) return s.to;
      return s.from + ((s.to - s.from) * (t - s.startMs)) / s.lengthMs;
    }
  }
  return segs.at(-1)?.to ?? start;
}

/**
 * The time at which the cumulative count of a piecewise-linear rate (per ms) reaches `n`, or
 * `undefined` past the end. Inside a segment the count grows as `r0·τ + (r1−r0)/(2L)·τ²`.
 */
function inverseCumulative(segs: readonly Segment[], perMs: number, n: number): number | undefined {
  let before = 0;
  for (const s of segs) {
    const r0 = s.from * perMs;
    const r1 = s.to * perMs;
    const count = ((r0 + r1) / 2) * s.lengthMs;
    if (count > 0 && before + count >= n - 1e-9) {
      const need = n - before;
      const a = (r1 - r0) / (2 * s.lengthMs);
      let tau: number;
      if (Math.abs(a) < 1e-15) tau = need / r0;
      else tau = (-r0 + Math.sqrt(Math.max(0, r0 * r0 + 4 * a * need))) / (2 * a);
      return s.startMs + tau;
    }
    before += count;
  }
  return undefined;
}

const ms = (value: Scenario['startTime'], fallback: number): number =>
  value === undefined ? fallback : (parseDuration(value) ?? fallback);

/**
 * The schedule of one scenario. The scenario must have passed `validateSuite` (durations parse).
 *
 * @example
 * const plan = planScenario({ executor: 'constant-arrival-rate', rate: 100, duration: '10s', preAllocatedVUs: 5 });
 * plan.kind === 'open' && plan.startOf(3); // 30
 */
export function planScenario(scenario: Scenario): Plan {
  const base = {
    startMs: ms(scenario.startTime, 0),
    gracefulStopMs: ms(scenario.gracefulStop, 30_000),
  };
  switch (scenario.executor) {
    case 'constant-arrival-rate': {
      const durationMs = ms(scenario.duration, 0);
      const unit = ms(scenario.timeUnit, 1000);
      const interval = unit / scenario.rate;
      const iterations = scenario.rate > 0 ? Math.ceil(durationMs / interval - 1e-9) : 0;
      return {
        ...base,
        kind: 'open',
        durationMs,
        iterations,
        startOf: (i) => (i < iterations ? i * interval : undefined),
        rateAt: (t) => (t < durationMs ? (scenario.rate * 1000) / unit : 0),
        preAllocatedVUs: scenario.preAllocatedVUs,
        maxVUs: Math.max(scenario.maxVUs ?? scenario.preAllocatedVUs, scenario.preAllocatedVUs),
      };
    }
    case 'ramping-arrival-rate': {
      const start = scenario.startRate ?? 0;
      const segs = segments(start, scenario.stages);
      const durationMs = segs.reduce((sum, s) => sum + s.lengthMs, 0);
      const unit = ms(scenario.timeUnit, 1000);
      const perMs = 1 / unit;
      const total = segs.reduce((sum, s) => sum + ((s.from + s.to) / 2) * s.lengthMs * perMs, 0);
      // The first iteration is due once the rate has earned it (at t=0 when it starts above 0).
      const offset = start > 0 ? 0 : 1;
      const iterations = offset === 0 ? Math.ceil(total - 1e-9) : Math.floor(total + 1e-9);
      return {
        ...base,
        kind: 'open',
        durationMs,
        iterations,
        startOf: (i) => {
          if (i >= iterations) return undefined;
          const t = inverseCumulative(segs, perMs, i + offset);
          return t === undefined ? undefined : Math.min(t, durationMs);
        },
        rateAt: (t) => (t < durationMs ? valueAt(segs, start, t) * perMs * 1000 : 0),
        preAllocatedVUs: scenario.preAllocatedVUs,
        maxVUs: Math.max(scenario.maxVUs ?? scenario.preAllocatedVUs, scenario.preAllocatedVUs),
      };
    }
    case 'constant-vus': {
      const vus = scenario.vus ?? 1;
      return {
        ...base,
        kind: 'closed',
        durationMs: ms(scenario.duration, 0),
        vusAt: () => vus,
        maxVUs: vus,
        gracefulRampDownMs: 0,
      };
    }
    case 'ramping-vus': {
      const start = scenario.startVUs ?? 1;
      const segs = segments(start, scenario.stages);
      return {
        ...base,
        kind: 'closed',
        durationMs: segs.reduce((sum, s) => sum + s.lengthMs, 0),
        vusAt: (t) => Math.round(valueAt(segs, start, t)),
        maxVUs: Math.max(start, ...scenario.stages.map((s) => s.target)),
        gracefulRampDownMs: ms(scenario.gracefulRampDown, 30_000),
      };
    }
    case 'per-vu-iterations':
    case 'shared-iterations': {
      const vus = scenario.vus ?? 1;
      const iterations = scenario.iterations ?? 1;
      return {
        ...base,
        kind: 'closed',
        durationMs: ms(scenario.maxDuration, 600_000),
        vusAt: () => vus,
        maxVUs: vus,
        gracefulRampDownMs: 0,
        ...(scenario.executor === 'per-vu-iterations'
          ? { perVuIterations: iterations }
          : { sharedIterations: iterations }),
      };
    }
  }
}
