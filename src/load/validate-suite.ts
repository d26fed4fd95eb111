import { isRecord } from '../util/guards.js';
import { parseDuration } from './duration.js';
import { BUILTIN_METRICS, type MetricDefinition } from './metric-names.js';
import { parseThresholds, type ThresholdGroup } from './thresholds.js';
import { EXECUTORS, type LoadSuite, type MetricType } from './types.js';

/** A problem in a suite: what is wrong, and a piece of its text to point at (for file:line). */
export interface SuiteProblem {
  message: string;
  needle: string;
}

const METRIC_TYPES: readonly MetricType[] = ['counter', 'gauge', 'rate', 'trend'];

/** Built-in metrics plus the suite's own. */
export function suiteMetrics(suite: Pick<LoadSuite, 'metrics'>): Record<string, MetricDefinition> {
  const out: Record<string, MetricDefinition> = { ...BUILTIN_METRICS };
  for (const [name, type] of Object.entries(suite.metrics ?? {})) {
    if (METRIC_TYPES.includes(type)) out[name] = { type, contains: 'default' };
  }
  return out;
}

/**
 * Checks a suite's shape before anything runs: known executors with the options each needs,
 * durations that parse, positive rates, VU counts and stages, `exec` names that exist,
 * thresholds that parse and name real metrics. Returns the parsed thresholds too.
 *
 * @example
 * validateSuite({ scenarios: { a: { executor: 'constant-arival-rate' } } }).problems[0].message;
 * // 'scenario "a": unknown executor "constant-arival-rate" (known: constant-arrival-rate, ...)'
 */
export function validateSuite(suite: unknown): {
  problems: SuiteProblem[];
  thresholds: ThresholdGroup[];
} {
  const problems: SuiteProblem[] = [];
  if (!isRecord(suite)) {
    return {
      problems: [
        { message: 'the default export is not defineLoad({...})', needle: 'export default' },
      ],
      thresholds: [],
    };
  }
  const scenarios = suite.scenarios;
  if (!isRecord(scenarios) || Object.keys(scenarios).length === 0) {
    problems.push({ message: 'the suite has no scenarios', needle: 'defineLoad' });
  }
  const execs = isRecord(suite.exec) ? suite.exec : {};
  for (const [name, raw] of Object.entries(isRecord(scenarios) ? scenarios : {})) {
    if (!isRecord(raw)) {
      problems.push({ message: `scenario "${name}" is not an object`, needle: name });
      continue;
    }
    const executor = raw.executor;
    const at = (message: string, needle: string = name) =>
      problems.push({ message: `scenario "${name}": ${message}`, needle });
    if (typeof executor !== 'string' || !(EXECUTORS as readonly string[]).includes(executor)) {
      at(
        `unknown executor "${String(executor)}" (known: ${EXECUTORS.join(', ')})`,
        typeof executor === 'string' ? executor : name,
      );
      continue;
    }
    const duration = (key: string, required: boolean) => {
      const value = raw[key];
      if (value === undefined) {
        if (required) at(`${executor} needs "${key}" (a duration like "30s")`);
        return;
      }
      if (
        (typeof value !== 'string' && typeof value !== 'number') ||
        parseDuration(value) === undefined
      ) {
        at(
          `"${key}" is not a duration like "30s" or "1m30s": ${JSON.stringify(value)}`,
          String(value),
        );
      }
    };
    const positive = (key: string, required: boolean, allowZero = false) => {
      const value = raw[key];
      if (value === undefined) {
        if (required) at(`${executor} needs "${key}"`);
        return;
      }
      if (
        typeof value !== 'number' ||
        !Number.isFinite(value) ||
        value < 0 ||
        (!allowZero && value === 0)
      ) {
        at(
          `"${key}" must be a ${allowZero ? 'non-negative' : 'positive'} number, not ${JSON.stringify(value)}`,
          key,
        );
      }
    };
    const stages = () => {
      const list = raw.stages;
      if (!Array.isArray(list) || list.length === 0) {
        at(`${executor} needs "stages": [{ duration: '30s', target: N }, ...]`);
        return;
      }
      for (const stage of list) {
        if (!isRecord(stage) || typeof stage.target !== 'number' || stage.target < 0) {
          at('every stage needs a non-negative "target"', 'stages');
        } else if (
          (typeof stage.duration !== 'string' && typeof stage.duration !== 'number') ||
          parseDuration(stage.duration) === undefined
        ) {
          at(
            `stage duration ${JSON.stringify(stage.duration)} is not a duration like "30s"`,
            String(stage.duration),
          );
        }
      }
    };
    duration('startTime', false);
    duration('gracefulStop', false);
    switch (executor) {
      case 'constant-arrival-rate':
        positive('rate', true);
        duration('duration', true);
        duration('timeUnit', false);
        positive('preAllocatedVUs', true);
        positive('maxVUs', false);
        break;
      case 'ramping-arrival-rate':
        positive('startRate', false, true);
        duration('timeUnit', false);
        stages();
        positive('preAllocatedVUs', true);
        positive('maxVUs', false);
        break;
      case 'constant-vus':
        positive('vus', false);
        duration('duration', true);
        break;
      case 'ramping-vus':
        positive('startVUs', false, true);
        stages();
        duration('gracefulRampDown', false);
        break;
      case 'per-vu-iterations':
      case 'shared-iterations':
        positive('vus', false);
        positive('iterations', false);
        duration('maxDuration', false);
        break;
    }
    if (
      raw.exec !== undefined &&
      (typeof raw.exec !== 'string' || typeof execs[raw.exec] !== 'function')
    ) {
      at(`exec "${String(raw.exec)}" is not a function in the suite's exec`, String(raw.exec));
    }
    if (
      raw.exec === undefined &&
      raw.requests === undefined &&
      typeof execs.default !== 'function'
    ) {
      at(
        'has no iteration: give it "requests", an "exec" name, or the suite an exec.default function',
      );
    }
    if (raw.requests !== undefined && !Array.isArray(raw.requests)) {
      at('"requests" must be a list', 'requests');
    }
  }
  for (const [name, type] of Object.entries(isRecord(suite.metrics) ? suite.metrics : {})) {
    if (!METRIC_TYPES.includes(type as MetricType)) {
      problems.push({
        message: `custom metric "${name}" has type ${JSON.stringify(type)} (use counter, gauge, rate or trend)`,
        needle: name,
      });
    } else if (name in BUILTIN_METRICS) {
      problems.push({
        message: `custom metric "${name}" has the name of a built-in metric`,
        needle: name,
      });
    }
  }
  let thresholds: ThresholdGroup[] = [];
  if (suite.thresholds !== undefined) {
    if (!isRecord(suite.thresholds)) {
      problems.push({
        message: '"thresholds" must be an object: metric → [expressions]',
        needle: 'thresholds',
      });
    } else {
      const parsed = parseThresholds(
        suite.thresholds as Record<string, never>,
        suiteMetrics(suite as Pick<LoadSuite, 'metrics'>),
      );
      problems.push(...parsed.problems);
      thresholds = parsed.groups;
    }
  }
  return { problems, thresholds };
}

/**
 * The 1-based line of the first occurrence of `needle` in a suite's source (quoted first, so
 * `'rate'` in `rate: 5` is not taken for the text of a threshold), or `undefined`.
 *
 * @example
 * lineOf("a\n  executor: 'constant-arival-rate',\n", 'constant-arival-rate'); // 2
 */
export function lineOf(source: string, needle: string): number | undefined {
  if (needle === '') return undefined;
  const candidates = [`'${needle}'`, `"${needle}"`, `\`${needle}\``, needle];
  for (const candidate of candidates) {
    const index = source.indexOf(candidate);
    if (index >= 0) return source.slice(0, index).split('\n').length;
  }
  return undefined;
}
