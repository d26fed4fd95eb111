/**
 * Pact `matchingRules` into the model: V2 flat `$.body.x` rules are regrouped by category, V3/V4
 * categories are kept, `path`/`status` rule lists move under the key `$`, and the V2 matcher
 * shorthand (`{regex}`, `{min}`, `{timestamp}`) gets its `match` kind.
 */

import type { Diagnostic } from '../../model/diagnostic.js';
import type { MatchingRule, MatchingRules, RuleCategory, RuleList } from '../../model/pact.js';
import { isRecord } from '../../util/guards.js';
import {
  child,
  describe,
  forEachCategory,
  type Normalised,
  optionalObject,
  type PactVersionFamily,
  problem,
} from './normalise-support.js';

/** A matcher object as written; fills in `match` for the V2 shorthand (`{regex}`, `{min}`). */
function normaliseMatcher(
  raw: unknown,
  at: string,
  diagnostics: Diagnostic[],
): MatchingRule | undefined {
  if (!isRecord(raw)) {
    problem(diagnostics, at, 'a matching rule', `it is ${describe(raw)}, not an object`);
    return undefined;
  }
  if (typeof raw.match === 'string') return { ...raw, match: raw.match };
  if (raw.match !== undefined) {
    problem(diagnostics, child(at, 'match'), 'a matching rule', '`match` is not a string');
    return undefined;
  }
  if (typeof raw.regex === 'string') return { ...raw, match: 'regex', regex: raw.regex };
  if (typeof raw.min === 'number' || typeof raw.max === 'number') return { ...raw, match: 'type' };
  if (typeof raw.timestamp === 'string')
    return { ...raw, match: 'timestamp', format: raw.timestamp };
  if (typeof raw.date === 'string') return { ...raw, match: 'date', format: raw.date };
  if (typeof raw.time === 'string') return { ...raw, match: 'time', format: raw.time };
  problem(diagnostics, at, 'a matching rule', 'it has no `match` kind');
  return undefined;
}

function normaliseRuleList(
  raw: unknown,
  at: string,
  diagnostics: Diagnostic[],
): RuleList | undefined {
  let matchersRaw: unknown[];
  let combine: 'AND' | 'OR' = 'AND';
  let matchersAt = child(at, 'matchers');
  if (Array.isArray(raw)) {
    matchersRaw = raw;
    matchersAt = at;
  } else if (isRecord(raw) && 'matchers' in raw) {
    if (!Array.isArray(raw.matchers)) {
      problem(diagnostics, matchersAt, 'matching rules', '`matchers` is not an array');
      return undefined;
    }
    matchersRaw = raw.matchers;
    if (raw.combine !== undefined) {
      const c = typeof raw.combine === 'string' ? raw.combine.toUpperCase() : '';
      if (c === 'AND' || c === 'OR') combine = c;
      else {
        problem(diagnostics, child(at, 'combine'), 'matching rules', '`combine` is not AND or OR');
      }
    }
  } else if (isRecord(raw)) {
    // A single matcher written without the `matchers` wrapper (old writers).
    const rule = normaliseMatcher(raw, at, diagnostics);
    return rule ? { combine, matchers: [rule] } : undefined;
  } else {
    problem(diagnostics, at, 'matching rules', `they are ${describe(raw)}, not an object`);
    return undefined;
  }
  const matchers: MatchingRule[] = [];
  matchersRaw.forEach((m, i) => {
    const rule = normaliseMatcher(m, child(matchersAt, i), diagnostics);
    if (rule) matchers.push(rule);
  });
  return { combine, matchers };
}

/** `$.body.a` → `$.a`, `$.body` → `$`, `$.body[0]` → `$[0]`; undefined when not under `$.body`. */
function stripPrefix(path: string, prefix: string): string | undefined {
  if (path === prefix) return '$';
  const rest = path.slice(prefix.length);
  if (path.startsWith(prefix) && (rest.startsWith('.') || rest.startsWith('['))) return `$${rest}`;
  return undefined;
}

/** `.Content-Type` or `['Content-Type']` → `Content-Type`. */
function singleName(rest: string): string | undefined {
  if (rest.startsWith('.')) return rest.slice(1);
  const m = /^\[\s*(['"])(.*)\1\s*\]$/.exec(rest);
  return m?.[2];
}

/** Where a V2 flat rule key goes: category and key inside it. */
export function splitV2RulePath(path: string): { category: RuleCategory; key: string } | undefined {
  const body = stripPrefix(path, '$.body');
  if (body !== undefined) return { category: 'body', key: body };
  if (path === '$.path') return { category: 'path', key: '$' };
  if (path === '$.status') return { category: 'status', key: '$' };
  for (const [prefix, category] of [
    ['$.headers', 'header'],
    ['$.header', 'header'],
    ['$.query', 'query'],
    ['$.metadata', 'metadata'],
    ['$.metaData', 'metadata'],
  ] as const) {
    if (path.startsWith(prefix)) {
      const name = singleName(path.slice(prefix.length));
      if (name !== undefined && name !== '') return { category, key: name };
    }
  }
  return undefined;
}

/**
 * Normalises the `matchingRules` of a request, response or message: V2 flat rules are regrouped
 * into categories, V3/V4 categories are kept, `path`/`status` rule lists move under the key `$`.
 *
 * @example
 * normaliseMatchingRules({'$.body.id': {match: 'type'}}, 2, '/interactions/0/request/matchingRules')
 * // → { value: { body: { '$.id': { combine: 'AND', matchers: [{ match: 'type' }] } } }, diagnostics: [] }
 */
export function normaliseMatchingRules(
  raw: unknown,
  version: PactVersionFamily,
  at: string,
): Normalised<MatchingRules> {
  const diagnostics: Diagnostic[] = [];
  const written = optionalObject(raw, at, 'the matching rules', diagnostics);
  if (!written) return { diagnostics };
  const rules: MatchingRules = {};
  const add = (category: RuleCategory, key: string, list: RuleList | undefined): void => {
    if (!list) return;
    const group = rules[category] ?? {};
    const existing = group[key];
    if (existing && existing.combine === list.combine) existing.matchers.push(...list.matchers);
    else group[key] = list;
    rules[category] = group;
  };
  const keys = Object.keys(written);
  const looksFlat = keys.length > 0 && keys.every((k) => k.startsWith('$'));
  if (version <= 2 || looksFlat) {
    for (const [path, value] of Object.entries(written)) {
      const where = splitV2RulePath(path);
      if (!where) {
        problem(
          diagnostics,
          child(at, path),
          `the matching rule '${path}'`,
          'its path is not under $.body, $.headers, $.query, $.path or $.status',
          'warning',
        );
        continue;
      }
      add(where.category, where.key, normaliseRuleList(value, child(at, path), diagnostics));
    }
    return { value: rules, diagnostics };
  }
  forEachCategory(
    written,
    at,
    {
      noun: 'rule',
      wholeMarker: 'matchers',
      whole: (category, value, p) => add(category, '$', normaliseRuleList(value, p, diagnostics)),
      entry: (category, key, value, p) =>
        add(category, key, normaliseRuleList(value, p, diagnostics)),
    },
    diagnostics,
  );
  return { value: rules, diagnostics };
}
