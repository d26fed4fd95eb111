/**
 * Matches whole requests, responses and messages: method, path, query, headers, status, body and
 * metadata, each with its own rule category. All mismatches are returned together.
 */
import type {
  PactHttpRequest,
  PactHttpResponse,
  PactMessageContents,
  RuleList,
} from '../../model/pact.js';
import { matchBody } from './body.js';
import { matchHeaders } from './headers.js';
import { jsonEqual, matchRuleList, show } from './match-value.js';
import { compareQueryMaps } from './query.js';
import { namedRules } from './rule-context.js';
import { matchStatus } from './status.js';
import type { MatchOptions, Mismatch } from './types.js';

function pathRules(rules: Record<string, RuleList> | undefined): RuleList | undefined {
  if (!rules) return undefined;
  const list = rules.$ ?? Object.values(rules)[0];
  return list && list.matchers.length > 0 ? list : undefined;
}

/**
 * Matches an actual request against the expected one of a pact.
 *
 * @example
 * matchRequest({ method: 'GET', path: '/pets' }, { method: 'get', path: '/pets', query: { a: ['1'] } })
 * // → [{ path: 'a', kind: 'query', message: "Unexpected query parameter 'a' received", ... }]
 */
export function matchRequest(
  expected: PactHttpRequest,
  actual: PactHttpRequest,
  options: MatchOptions = {},
): Mismatch[] {
  const out: Mismatch[] = [];
  const rules = expected.matchingRules ?? {};
  if (expected.method.toUpperCase() !== actual.method.toUpperCase()) {
    out.push({
      path: '$',
      expected: expected.method,
      actual: actual.method,
      message: `Expected method ${expected.method.toUpperCase()} but received ${actual.method.toUpperCase()}`,
      kind: 'method',
    });
  }
  const pathList = pathRules(rules.path);
  if (pathList) {
    for (const message of matchRuleList(expected.path, actual.path, pathList, { textual: true })) {
      out.push({ path: '$', expected: expected.path, actual: actual.path, message, kind: 'path' });
    }
  } else if (expected.path !== actual.path) {
    out.push({
      path: '$',
      expected: expected.path,
      actual: actual.path,
      message: `Expected path '${expected.path}' but received '${actual.path}'`,
      kind: 'path',
    });
  }
  out.push(...compareQueryMaps(expected.query ?? {}, actual.query ?? {}, rules.query));
  if (options.version === 1) {
    out.push(
      ...(expected.rawQuery !== undefined && actual.rawQuery !== undefined
        ? v1RawQuery(expected.rawQuery, actual.rawQuery)
        : v1QueryOrder(expected.query ?? {}, actual.query ?? {})),
    );
  }
  out.push(...matchHeaders(expected.headers, actual.headers, rules.header));
  out.push(
    ...matchBody(expected.body, actual.body, { rules: rules.body, allowUnexpectedKeys: false }),
  );
  return out;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment.replace(/\+/g, ' '));
  } catch {
    return segment;
  }
}

/**
 * Pact V1.0 compared query strings as strings: parameter order and empty segments (a trailing
 * `&`) count, while percent-encoding does not (`a=b%3Dc` equals `a=b=c`).
 */
function v1RawQuery(expected: string, actual: string): Mismatch[] {
  const e = expected.replace(/^\?/, '').split('&').map(decodeSegment);
  const a = actual.replace(/^\?/, '').split('&').map(decodeSegment);
  if (e.length === a.length && e.every((segment, i) => segment === a[i])) return [];
  return [
    {
      path: '$',
      expected,
      actual,
      message: `Expected the query string '${expected}' but received '${actual}' (Pact V1.0 compares query strings exactly)`,
      kind: 'query',
    },
  ];
}

/**
 * Pact V1.0 compared query strings as strings, so the order of the parameters matters
 * (V1.1 relaxed it). The model keeps parameters in order of appearance, which is enough to check.
 */
function v1QueryOrder(
  expected: Record<string, string[]>,
  actual: Record<string, string[]>,
): Mismatch[] {
  const e = Object.keys(expected);
  const a = Object.keys(actual);
  const sameSet = e.length === a.length && e.every((k) => Object.hasOwn(actual, k));
  if (!sameSet || e.every((k, i) => k === a[i])) return [];
  return [
    {
      path: '$',
      expected: e,
      actual: a,
      message: `Expected the query parameters in the order ${e.join(', ')} (Pact V1.0 compares query strings exactly) but received ${a.join(', ')}`,
      kind: 'query',
    },
  ];
}

/**
 * Matches an actual response against the expected one of a pact. Unexpected keys in JSON
 * objects are allowed (Postel's law), unexpected headers too.
 *
 * @example
 * matchResponse({ status: 200, body: { content: { id: 1 } } }, { status: 200, body: { content: { id: 1, x: 2 } } })
 * // → []
 */
export function matchResponse(
  expected: PactHttpResponse,
  actual: PactHttpResponse,
  _options: MatchOptions = {},
): Mismatch[] {
  const rules = expected.matchingRules ?? {};
  return [
    ...matchStatus(expected.status, actual.status, pathRules(rules.status)),
    ...matchHeaders(expected.headers, actual.headers, rules.header),
    ...matchBody(expected.body, actual.body, { rules: rules.body, allowUnexpectedKeys: true }),
  ];
}

/**
 * Matches an actual message against the expected one: contents like a response body (rules in
 * the `content` category, `body` accepted too), and every expected metadata key.
 *
 * @example
 * matchMessage({ contents: { content: { id: 1 } }, metadata: {} }, { contents: { content: { id: 1 } }, metadata: { x: 1 } })
 * // → []
 */
export function matchMessage(
  expected: PactMessageContents,
  actual: PactMessageContents,
  _options: MatchOptions = {},
): Mismatch[] {
  const rules = expected.matchingRules ?? {};
  const out = matchBody(expected.contents, actual.contents, {
    rules: rules.content ?? rules.body,
    allowUnexpectedKeys: true,
  });
  for (const [key, value] of Object.entries(expected.metadata)) {
    const lower = key.toLowerCase();
    // The content type is checked with the contents.
    if (lower === 'contenttype' || lower === 'content-type') continue;
    const actualKey = Object.keys(actual.metadata).find((k) => k === key);
    if (actualKey === undefined) {
      out.push({
        path: key,
        expected: value,
        actual: undefined,
        message: `Expected metadata key '${key}' but was missing`,
        kind: 'metadata',
      });
      continue;
    }
    const actualValue = actual.metadata[actualKey];
    const list = namedRules(rules.metadata, key, false);
    const messages = list
      ? matchRuleList(value, actualValue, list)
      : jsonEqual(value, actualValue)
        ? []
        : [`Expected metadata '${key}' to be ${show(value)} but was ${show(actualValue)}`];
    for (const message of messages) {
      out.push({ path: key, expected: value, actual: actualValue, message, kind: 'metadata' });
    }
  }
  return out;
}
