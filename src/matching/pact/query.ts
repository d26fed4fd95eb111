/**
 * Query parameters (and form bodies): every expected name must be present with the same values
 * in the same order, unexpected names are mismatches; a rule on a name applies to each actual
 * value instead (with min/max on the number of values).
 */

import { matchRuleList, show } from './match-value.js';
import { namedRules, type RuleMap, resolveRules } from './rule-context.js';
import type { Mismatch, MismatchKind } from './types.js';

/**
 * Compares two parsed query maps.
 *
 * @example
 * compareQueryMaps({ a: ['1'] }, { a: ['1'], b: ['2'] }, undefined)
 * // → [{ path: 'b', expected: undefined, actual: ['2'], message: "Unexpected query parameter 'b' received", kind: 'query' }]
 */
export function compareQueryMaps(
  expected: Record<string, string[]>,
  actual: Record<string, string[]>,
  rules: RuleMap,
  kind: MismatchKind = 'query',
  bodyPaths = false,
): Mismatch[] {
  const out: Mismatch[] = [];
  const what = kind === 'body' ? 'form field' : 'query parameter';
  for (const [name, expectedValues] of Object.entries(expected)) {
    const actualValues = actual[name];
    const path = bodyPaths ? `$.${name}` : name;
    if (actualValues === undefined) {
      out.push({
        path,
        expected: expectedValues,
        actual: undefined,
        message: `Expected ${what} '${name}' but was missing`,
        kind,
      });
      continue;
    }
    const list = bodyPaths
      ? resolveRules(rules, ['$', name])?.list
      : namedRules(rules, name, false);
    if (list) {
      for (const [i, value] of actualValues.entries()) {
        const e = expectedValues[i] ?? expectedValues[0] ?? '';
        for (const message of matchRuleList(e, value, list, { textual: true })) {
          out.push({ path, expected: e, actual: value, message, kind });
        }
      }
      for (const rule of list.matchers) {
        const r = rule as { min?: unknown; max?: unknown };
        if (typeof r.min === 'number' && actualValues.length < r.min) {
          out.push({
            path,
            expected: expectedValues,
            actual: actualValues,
            kind,
            message: `Expected ${what} '${name}' to have at least ${r.min} value(s) but received ${actualValues.length}`,
          });
        }
        if (typeof r.max === 'number' && actualValues.length > r.max) {
          out.push({
            path,
            expected: expectedValues,
            actual: actualValues,
            kind,
            message: `Expected ${what} '${name}' to have at most ${r.max} value(s) but received ${actualValues.length}`,
          });
        }
      }
      continue;
    }
    const same =
      expectedValues.length === actualValues.length &&
      expectedValues.every((v, i) => v === actualValues[i]);
    if (!same) {
      out.push({
        path,
        expected: expectedValues,
        actual: actualValues,
        message: `Expected ${what} '${name}' to be ${show(expectedValues)} but received ${show(actualValues)}`,
        kind,
      });
    }
  }
  for (const [name, values] of Object.entries(actual)) {
    if (!Object.hasOwn(expected, name)) {
      out.push({
        path: bodyPaths ? `$.${name}` : name,
        expected: undefined,
        actual: values,
        message: `Unexpected ${what} '${name}' received`,
        kind,
      });
    }
  }
  return out;
}
