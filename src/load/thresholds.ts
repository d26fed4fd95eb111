import { parseDuration } from './duration.js';
import { AGGREGATIONS, type MetricDefinition } from './metric-names.js';
import type { Tags, ThresholdSpec } from './types.js';

export type Operator = '<' | '<=' | '>' | '>=' | '==' | '===' | '!=';

/** `p(95)<200` parsed. */
export interface ThresholdExpression {
  /** `avg`, `min`, `max`, `med`, `count`, `rate`, `value` or `p(95)` (as written, normalised). */
  aggregation: string;
  /** For `p(N)`: N. */
  percentile?: number;
  operator: Operator;
  value: number;
  /** The source text, the key k6 uses in the summary. */
  source: string;
}

export interface Threshold extends ThresholdExpression {
  abortOnFail: boolean;
  delayAbortEvalMs: number;
}

/** One key of `thresholds`: a metric, an optional tag filter and its expressions. */
export interface ThresholdGroup {
  /** The key as written, e.g. `http_req_duration{name:place-order}`. */
  key: string;
  metric: string;
  filter: Tags;
  thresholds: Threshold[];
}

/** A problem in the thresholds: what, and the text to find it by in the suite file. */
export interface ThresholdProblem {
  message: string;
  /** The text to locate in the source (the key or the expression). */
  needle: string;
}

const EXPRESSION =
  /^\s*(avg|min|max|med|count|rate|value|p\(\s*(\d+(?:\.\d+)?)\s*\))\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/;

/**
 * Parses one threshold expression in k6's grammar (`aggregation operator number`).
 *
 * @example
 * parseExpression('p(95)<200'); // { aggregation: 'p(95)', percentile: 95, operator: '<', value: 200, source: 'p(95)<200' }
 */
export function parseExpression(source: string): ThresholdExpression | undefined {
  const match = EXPRESSION.exec(source);
  if (!match) return undefined;
  const percentile = match[2] === undefined ? undefined : Number(match[2]);
  if (percentile !== undefined && (percentile < 0 || percentile > 100)) return undefined;
  return {
    aggregation: percentile === undefined ? match[1]! : `p(${percentile})`,
    ...(percentile === undefined ? {} : { percentile }),
    operator: match[3] as Operator,
    value: Number(match[4]),
    source,
  };
}

/**
 * Splits a threshold key into the metric and its tag filter.
 *
 * @example
 * parseKey('http_req_duration{name:place-order, method:POST}');
 * // { metric: 'http_req_duration', filter: { name: 'place-order', method: 'POST' } }
 */
export function parseKey(key: string): { metric: string; filter: Tags } | undefined {
  const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\{(.*)\})?\s*$/.exec(key);
  if (!match) return undefined;
  const filter: Tags = {};
  const body = match[2]?.trim();
  if (body) {
    for (const part of body.split(',')) {
      const colon = part.indexOf(':');
      if (colon <= 0) return undefined;
      const tag = part.slice(0, colon).trim();
      const value = part
        .slice(colon + 1)
        .trim()
        .replace(/^(['"])(.*)\1$/, '$2');
      if (!tag) return undefined;
      filter[tag] = value;
    }
  }
  return { metric: match[1]!, filter };
}

/**
 * Parses and checks the thresholds of a suite against the metrics it can produce: an expression
 * that does not parse, a metric that does not exist, or an aggregation the metric's type does
 * not have (`p(95)` on a counter) is a problem, named with the text to find it by.
 *
 * @example
 * parseThresholds({ 'http_req_duration{name:read}': ['p(95)<200'] }, BUILTIN_METRICS);
 */
export function parseThresholds(
  specs: Readonly<Record<string, readonly ThresholdSpec[]>>,
  metrics: Readonly<Record<string, MetricDefinition>>,
): { groups: ThresholdGroup[]; problems: ThresholdProblem[] } {
  const groups: ThresholdGroup[] = [];
  const problems: ThresholdProblem[] = [];
  for (const [key, list] of Object.entries(specs)) {
    const parsedKey = parseKey(key);
    if (!parsedKey) {
      problems.push({
        message: `threshold key "${key}" is not "metric" or "metric{tag:value,...}"`,
        needle: key,
      });
      continue;
    }
    const definition = metrics[parsedKey.metric];
    if (!definition) {
      problems.push({
        message: `threshold on metric "${parsedKey.metric}", which does not exist (built-in: http_req_duration, http_req_failed, http_reqs, checks, iterations, ...; or declare it in the suite's metrics)`,
        needle: key,
      });
      continue;
    }
    if (!Array.isArray(list)) {
      problems.push({
        message: `thresholds of "${key}" must be an array of expressions`,
        needle: key,
      });
      continue;
    }
    const thresholds: Threshold[] = [];
    for (const spec of list) {
      const source = typeof spec === 'string' ? spec : spec?.threshold;
      if (typeof source !== 'string') {
        problems.push({
          message: `a threshold of "${key}" is neither a string nor { threshold: '...' }`,
          needle: key,
        });
        continue;
      }
      const expression = parseExpression(source);
      if (!expression) {
        problems.push({
          message: `threshold "${source}" of "${key}" does not parse: write "aggregation operator number", e.g. "p(95)<200", "rate<0.01", "count>100"`,
          needle: source,
        });
        continue;
      }
      const allowed = AGGREGATIONS[definition.type];
      const kind = expression.percentile === undefined ? expression.aggregation : 'p(N)';
      if (!allowed.includes(kind)) {
        problems.push({
          message: `threshold "${source}" uses ${expression.aggregation} on "${parsedKey.metric}", a ${definition.type}: it has ${allowed.join(', ')}`,
          needle: source,
        });
        continue;
      }
      const delay = typeof spec === 'string' ? undefined : spec.delayAbortEval;
      const delayMs = delay === undefined ? 0 : parseDuration(delay);
      if (delayMs === undefined) {
        problems.push({
          message: `delayAbortEval "${String(delay)}" of "${key}" is not a duration like "10s"`,
          needle: String(delay),
        });
        continue;
      }
      thresholds.push({
        ...expression,
        abortOnFail: typeof spec !== 'string' && spec.abortOnFail === true,
        delayAbortEvalMs: delayMs,
      });
    }
    groups.push({ key, metric: parsedKey.metric, filter: parsedKey.filter, thresholds });
  }
  return { groups, problems };
}

function compare(left: number, operator: Operator, right: number): boolean {
  switch (operator) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '==':
    case '===':
      return left === right;
    case '!=':
      return left !== right;
  }
}

/**
 * Whether a threshold holds for a metric's summary values (`{ 'p(95)': 120, avg: 80, ... }`).
 * `count` and `rate` of a metric without samples are 0; any other aggregation without samples
 * fails, so a tag filter with a typo (`{name:plce-order}`) cannot pass a gate by measuring nothing.
 *
 * @example
 * holds(parseExpression('p(95)<200')!, { 'p(95)': 120 }); // true
 */
export function holds(
  threshold: ThresholdExpression,
  values: Readonly<Record<string, number>>,
): boolean {
  const value = values[threshold.aggregation];
  if (value === undefined || Number.isNaN(value)) {
    if (threshold.aggregation === 'count' || threshold.aggregation === 'rate') {
      return compare(0, threshold.operator, threshold.value);
    }
    return false;
  }
  return compare(value, threshold.operator, threshold.value);
}

/**
 * The submetrics a run must collect for its thresholds (`http_req_duration{name:read}`), with
 * the percentiles they ask for.
 *
 * @example
 * thresholdSubmetrics(groups); // [{ metric: 'http_req_duration', filter: { name: 'read' }, percentiles: [95] }]
 */
export function thresholdSubmetrics(
  groups: readonly ThresholdGroup[],
): Array<{ metric: string; filter: Tags; percentiles: number[] }> {
  return groups.map((g) => ({
    metric: g.metric,
    filter: g.filter,
    percentiles: g.thresholds.flatMap((t) => (t.percentile === undefined ? [] : [t.percentile])),
  }));
}
