import { escapePointerToken } from '../../model/index.js';

/**
 * Where `actual` differs from the `expected` subset, as `pointer: reason` lines (empty = it
 * contains it): objects need every expected key (extra keys are fine), arrays need the same
 * length and each element to contain the expected one, anything else must be equal.
 *
 * @example
 * subsetProblems({ sku: 'abc' }, { sku: 'def', id: 'o-1' }); // ['/sku: expected "abc", got "def"']
 */
export function subsetProblems(expected: unknown, actual: unknown, at = ''): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at || '/'}: expected an array, got ${show(actual)}`];
    if (actual.length !== expected.length) {
      return [`${at || '/'}: expected ${expected.length} items, got ${actual.length}`];
    }
    return expected.flatMap((item, i) => subsetProblems(item, actual[i], `${at}/${i}`));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) {
      return [`${at || '/'}: expected an object, got ${show(actual)}`];
    }
    const record = actual as Record<string, unknown>;
    return Object.entries(expected).flatMap(([key, value]) => {
      const path = `${at}/${escapePointerToken(key)}`;
      if (!(key in record)) return [`${path}: missing`];
      return subsetProblems(value, record[key], path);
    });
  }
  return Object.is(expected, actual)
    ? []
    : [`${at || '/'}: expected ${show(expected)}, got ${show(actual)}`];
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
