/**
 * Compares JSON bodies the Pact way: objects key by key, lists index by index, values by
 * equality unless a rule applies (the most specific rule path wins; rules cascade to children).
 * With a type-like rule on a list, every actual item is compared with the expected example.
 */

import type { ArrayContainsVariant, MatchingRule, RuleList } from '../../model/pact.js';
import { isRecord } from '../../util/guards.js';
import { matchRuleList, show } from './match-value.js';
import { type RuleMap, resolveRules } from './rule-context.js';
import type { Mismatch, MismatchKind } from './types.js';

export interface JsonCompareContext {
  rules: RuleMap;
  allowUnexpectedKeys: boolean;
  kind: MismatchKind;
}

const STRUCTURAL = new Set(['values', 'eachKey', 'eachValue', 'arrayContains']);

function typeName(value: unknown): string {
  if (value === null) return 'Null';
  if (Array.isArray(value)) return 'List';
  if (typeof value === 'object') return 'Map';
  if (typeof value === 'number') return 'Number';
  if (typeof value === 'boolean') return 'Boolean';
  return 'String';
}

function at(location: readonly string[]): string {
  return location.join('.');
}

/**
 * Compares two parsed JSON values and returns every mismatch.
 *
 * @example
 * compareJson({ id: 1 }, { id: 'x' }, { rules: undefined, allowUnexpectedKeys: true, kind: 'body' })
 * // → [{ path: '$.id', expected: 1, actual: 'x', message: "Expected 'x' to be equal to 1", kind: 'body' }]
 */
export function compareJson(
  expected: unknown,
  actual: unknown,
  context: JsonCompareContext,
  location: readonly string[] = ['$'],
): Mismatch[] {
  const out: Mismatch[] = [];
  compare(location, expected, actual, context, out);
  return out;
}

function push(
  out: Mismatch[],
  context: JsonCompareContext,
  location: readonly string[],
  expected: unknown,
  actual: unknown,
  message: string,
): void {
  out.push({ path: at(location), expected, actual, message, kind: context.kind });
}

function compare(
  location: readonly string[],
  expected: unknown,
  actual: unknown,
  context: JsonCompareContext,
  out: Mismatch[],
): void {
  if (isRecord(expected)) {
    if (isRecord(actual)) compareMaps(location, expected, actual, context, out);
    else typeMismatch(location, expected, actual, context, out);
  } else if (Array.isArray(expected)) {
    if (Array.isArray(actual)) compareLists(location, expected, actual, context, out);
    else typeMismatch(location, expected, actual, context, out);
  } else {
    compareValues(location, expected, actual, context, out);
  }
}

function typeMismatch(
  location: readonly string[],
  expected: unknown,
  actual: unknown,
  context: JsonCompareContext,
  out: Mismatch[],
): void {
  push(
    out,
    context,
    location,
    expected,
    actual,
    `Type mismatch: Expected ${typeName(expected)} ${show(expected)} but received ${typeName(actual)} ${show(actual)}`,
  );
}

function compareValues(
  location: readonly string[],
  expected: unknown,
  actual: unknown,
  context: JsonCompareContext,
  out: Mismatch[],
): void {
  const resolved = resolveRules(context.rules, location);
  const list: RuleList = resolved?.list ?? { combine: 'AND', matchers: [{ match: 'equality' }] };
  for (const message of matchRuleList(expected, actual, list)) {
    push(out, context, location, expected, actual, message);
  }
}

/** Value-level checks of the rules on a container (sizes, notEmpty), never cascaded ones. */
function containerChecks(
  location: readonly string[],
  expected: unknown,
  actual: unknown,
  rules: readonly MatchingRule[],
  combine: 'AND' | 'OR',
  context: JsonCompareContext,
  out: Mismatch[],
): void {
  const applicable = rules.filter((r) => !STRUCTURAL.has(r.match) && r.match !== 'regex');
  if (applicable.length === 0) return;
  for (const message of matchRuleList(expected, actual, { combine, matchers: applicable })) {
    push(out, context, location, expected, actual, message);
  }
}

function innerRules(rule: MatchingRule): RuleList | undefined {
  const rules = (rule as { rules?: unknown }).rules;
  if (!Array.isArray(rules)) return undefined;
  const matchers = rules.filter(
    (r): r is MatchingRule => isRecord(r) && typeof (r as { match?: unknown }).match === 'string',
  );
  return matchers.length > 0 ? { combine: 'AND', matchers } : undefined;
}

function compareMaps(
  location: readonly string[],
  expected: Record<string, unknown>,
  actual: Record<string, unknown>,
  context: JsonCompareContext,
  out: Mismatch[],
): void {
  const expectedKeys = Object.keys(expected);
  const actualKeys = Object.keys(actual);
  if (expectedKeys.length === 0 && !context.allowUnexpectedKeys && actualKeys.length > 0) {
    push(
      out,
      context,
      location,
      expected,
      actual,
      `Expected an empty Map but received ${show(actual)}`,
    );
    return;
  }
  const resolved = resolveRules(context.rules, location);
  const direct = resolved?.direct ? resolved.list.matchers : [];
  if (resolved?.direct) {
    containerChecks(location, expected, actual, direct, resolved.list.combine, context, out);
  }
  const eachKey = direct.filter((r) => r.match === 'eachKey');
  for (const rule of eachKey) {
    const list = innerRules(rule);
    if (!list) continue;
    for (const key of actualKeys) {
      for (const message of matchRuleList(key, key, list, { textual: true })) {
        push(out, context, [...location, key], key, key, `Key ${message}`);
      }
    }
  }
  const valuesRule = direct.find((r) => r.match === 'values' || r.match === 'eachValue');
  if (valuesRule) {
    // Every actual entry is compared with the expected entry of that key, or the first one.
    const first = expectedKeys.length > 0 ? expected[expectedKeys[0]!] : undefined;
    const inner = valuesRule.match === 'eachValue' ? innerRules(valuesRule) : undefined;
    for (const key of actualKeys) {
      const p = [...location, key];
      const e = Object.hasOwn(expected, key) ? expected[key] : first;
      if (inner) {
        for (const message of matchRuleList(e, actual[key], inner)) {
          push(out, context, p, e, actual[key], message);
        }
      } else if (e !== undefined || expectedKeys.length > 0)
        compare(p, e, actual[key], context, out);
    }
    return;
  }
  if (eachKey.length === 0) matchKeys(location, expected, actual, context, out);
  for (const key of expectedKeys) {
    if (Object.hasOwn(actual, key))
      compare([...location, key], expected[key], actual[key], context, out);
  }
}

function matchKeys(
  location: readonly string[],
  expected: Record<string, unknown>,
  actual: Record<string, unknown>,
  context: JsonCompareContext,
  out: Mismatch[],
): void {
  const expectedKeys = Object.keys(expected).sort();
  const actualKeys = Object.keys(actual).sort();
  if (context.allowUnexpectedKeys) {
    const missing = expectedKeys.filter((k) => !Object.hasOwn(actual, k));
    if (missing.length > 0) {
      push(
        out,
        context,
        location,
        expected,
        actual,
        `Actual map is missing the following keys: ${missing.join(', ')}`,
      );
    }
  } else if (expectedKeys.join('\u0000') !== actualKeys.join('\u0000')) {
    push(
      out,
      context,
      location,
      expected,
      actual,
      `Expected a Map with keys [${expectedKeys.join(', ')}] but received one with keys [${actualKeys.join(', ')}]`,
    );
  }
}

function compareLists(
  location: readonly string[],
  expected: unknown[],
  actual: unknown[],
  context: JsonCompareContext,
  out: Mismatch[],
): void {
  const resolved = resolveRules(context.rules, location);
  if (resolved) {
    const rules = resolved.list.matchers;
    if (resolved.direct) {
      containerChecks(location, expected, actual, rules, resolved.list.combine, context, out);
    }
    const contains = resolved.direct ? rules.filter((r) => r.match === 'arrayContains') : [];
    for (const rule of contains) arrayContains(location, expected, actual, rule, context, out);
    if (contains.length > 0 && contains.length === rules.length) return;
    const eachValue = resolved.direct ? rules.find((r) => r.match === 'eachValue') : undefined;
    const inner = eachValue ? innerRules(eachValue) : undefined;
    actual.forEach((item, index) => {
      const p = [...location, String(index)];
      const e = index < expected.length ? expected[index] : expected[0];
      if (inner) {
        for (const message of matchRuleList(e, item, inner))
          push(out, context, p, e, item, message);
      } else if (expected.length > 0) compare(p, e, item, context, out);
    });
    return;
  }
  if (expected.length === 0 && actual.length > 0) {
    push(
      out,
      context,
      location,
      expected,
      actual,
      `Expected an empty List but received ${show(actual)}`,
    );
    return;
  }
  expected.forEach((item, index) => {
    const p = [...location, String(index)];
    if (index < actual.length) compare(p, item, actual[index], context, out);
    else push(out, context, p, item, undefined, `Expected ${show(item)} but was missing`);
  });
  if (expected.length !== actual.length) {
    push(
      out,
      context,
      location,
      expected,
      actual,
      `Expected a List with ${expected.length} elements but received ${actual.length} elements`,
    );
  }
}

function arrayContains(
  location: readonly string[],
  expected: unknown[],
  actual: unknown[],
  rule: MatchingRule,
  context: JsonCompareContext,
  out: Mismatch[],
): void {
  const variants = (rule as { variants?: unknown }).variants;
  if (!Array.isArray(variants)) return;
  for (const [n, raw] of variants.entries()) {
    if (!isRecord(raw)) continue;
    const variant = raw as unknown as ArrayContainsVariant;
    const index = typeof variant.index === 'number' ? variant.index : n;
    const example = expected[index];
    const variantRules = isRecord(variant.rules) ? variant.rules : {};
    // Variant rules are written relative to the item (`$.id`), whatever the list's own path.
    const itemRules = (variantRules as { body?: RuleMap }).body ?? (variantRules as RuleMap);
    const found = actual.some(
      (item) =>
        compareJson(example, item, { ...context, rules: itemRules, allowUnexpectedKeys: true })
          .length === 0,
    );
    if (!found) {
      push(
        out,
        context,
        location,
        example,
        actual,
        `Variant at index ${index} (${show(example)}) was not found in the actual list`,
      );
    }
  }
}
