import { JSONPath } from 'jsonpath-plus';
import { isRecord } from '../util/guards.js';
import type { ToleranceValue } from './experiment.js';

/** `target` picks a key of an object output (`status`, `body`) before checking it. */
function targeted(value: unknown, target: unknown): unknown {
  return typeof target === 'string' && isRecord(value) && target in value ? value[target] : value;
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Whether a probe's output is within its tolerance, with Chaos Toolkit's rules: a boolean,
 * number or string must equal the output (a number or list is compared with an http output's
 * `status`); a two-number list is a closed range, a longer list a set of allowed values; `regex`,
 * `jsonpath` (with `expect` or `count`) and `range` check the output or its `target` key.
 * Gauntlet's resilience probes answer `{ held, ... }`: a boolean tolerance is compared with `held`.
 * Probe tolerances (`type: probe`) are evaluated by the runner, not here.
 *
 * @example
 * withinTolerance(200, { status: 200, headers: {}, body: '' }); // true
 * withinTolerance([0, 500], 120);                                // true
 * withinTolerance({ type: 'jsonpath', path: '$.status', expect: 'ok' }, { status: 'ok' }); // true
 */
export function withinTolerance(tolerance: ToleranceValue, value: unknown): boolean {
  if (typeof tolerance === 'boolean') {
    if (isRecord(value) && typeof value.held === 'boolean') return value.held === tolerance;
    return value === tolerance;
  }
  if (typeof tolerance === 'number') {
    if (isRecord(value) && 'status' in value) return value.status === tolerance;
    return value === tolerance;
  }
  if (typeof tolerance === 'string') return value === tolerance;
  if (Array.isArray(tolerance)) {
    if (isRecord(value) && 'status' in value) return tolerance.includes(value.status);
    if (
      tolerance.length === 2 &&
      typeof tolerance[0] === 'number' &&
      typeof tolerance[1] === 'number'
    ) {
      return typeof value === 'number' && tolerance[0] <= value && value <= tolerance[1];
    }
    return tolerance.some((allowed) => equal(allowed, value));
  }
  switch (tolerance.type) {
    case 'regex': {
      const target = targeted(value, tolerance.target);
      const text = typeof target === 'string' ? target : JSON.stringify(target);
      return new RegExp(tolerance.pattern).test(text ?? '');
    }
    case 'jsonpath': {
      let target = targeted(value, tolerance.target);
      if (typeof target === 'string') {
        try {
          target = JSON.parse(target);
        } catch {
          // Not JSON: the path is applied to the string itself (and finds nothing).
        }
      }
      const found: unknown[] =
        target !== null && typeof target === 'object'
          ? (JSONPath({ path: tolerance.path, json: target, wrap: true }) as unknown[])
          : [];
      if (tolerance.count !== undefined && found.length !== tolerance.count) return false;
      if ('expect' in tolerance) {
        const expected = Array.isArray(tolerance.expect) ? tolerance.expect : [tolerance.expect];
        return found.length > 0 && found.every((v) => expected.some((e) => equal(e, v)));
      }
      return found.length > 0;
    }
    case 'range': {
      const target = Number(targeted(value, tolerance.target));
      return (
        Number.isFinite(target) && tolerance.range[0] <= target && target <= tolerance.range[1]
      );
    }
    default:
      return false;
  }
}
