/**
 * Header matching: names are case-insensitive, extra actual headers are fine. Values are split on
 * commas and compared item by item with whitespace trimmed (order matters, RFC 7230); the
 * Content-Type (and Accept-style media types) compare type/subtype case-insensitively and
 * their parameters as a set, with `charset` values case-insensitive.
 */
import { parseMediaType } from './content-type.js';
import { matchRuleList } from './match-value.js';
import { namedRules, type RuleMap } from './rule-context.js';
import type { Mismatch } from './types.js';

function find(headers: Record<string, string[]> | undefined, name: string): string[] | undefined {
  if (!headers) return undefined;
  const lower = name.toLowerCase();
  for (const [key, values] of Object.entries(headers)) {
    if (key.toLowerCase() === lower) return values;
  }
  return undefined;
}

function splitValues(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(',')).map((v) => v.trim());
}

function sameContentType(expected: string, actual: string): boolean {
  const e = parseMediaType(expected);
  const a = parseMediaType(actual);
  if (!e || !a) return expected.trim() === actual.trim();
  if (e.type !== a.type || e.subtype !== a.subtype) return false;
  // Every expected parameter must be there with the same value; extra ones are fine.
  return Object.entries(e.parameters).every(([k, ev]) => {
    const av = a.parameters[k];
    if (av === undefined) return false;
    return k === 'charset' ? ev.toLowerCase() === av.toLowerCase() : ev === av;
  });
}

/** One comma-separated item: media types (`a/b; p=v`) compare as such, anything else exactly. */
function sameItem(expected: string, actual: string): boolean {
  if (expected === actual) return true;
  return expected.includes('/') && actual.includes('/') && sameContentType(expected, actual);
}

/**
 * Compares expected headers with actual ones.
 *
 * @example
 * matchHeaders({ Accept: ['a,b'] }, { ACCEPT: ['a, b'] }, undefined) // → []
 */
export function matchHeaders(
  expected: Record<string, string[]> | undefined,
  actual: Record<string, string[]> | undefined,
  rules: RuleMap,
): Mismatch[] {
  const out: Mismatch[] = [];
  for (const [name, expectedValues] of Object.entries(expected ?? {})) {
    const actualValues = find(actual, name);
    const expectedText = expectedValues.join(', ');
    if (actualValues === undefined) {
      out.push({
        path: name,
        expected: expectedText,
        actual: undefined,
        message: `Expected a header '${name}' but was missing`,
        kind: 'header',
      });
      continue;
    }
    const actualText = actualValues.join(', ');
    const list = namedRules(rules, name, true);
    if (list) {
      for (const message of matchRuleList(expectedText, actualText, list, { textual: true })) {
        out.push({
          path: name,
          expected: expectedText,
          actual: actualText,
          message,
          kind: 'header',
        });
      }
      continue;
    }
    const lower = name.toLowerCase();
    let same: boolean;
    if (lower === 'content-type') {
      same = sameContentType(expectedText, actualText);
    } else {
      const e = splitValues(expectedValues);
      const a = splitValues(actualValues);
      same = e.length === a.length && e.every((v, i) => sameItem(v, a[i]!));
    }
    if (!same) {
      out.push({
        path: name,
        expected: expectedText,
        actual: actualText,
        message: `Expected header '${name}' to have value '${expectedText}' but was '${actualText}'`,
        kind: 'header',
      });
    }
  }
  return out;
}
