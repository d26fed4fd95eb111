import { type HoverflyMatcher, pointer as ptr } from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import { describePointer, type Reporter } from './reporter.js';

/** Matcher names Hoverfly knows (compared lower-case, as Hoverfly does). */
export const KNOWN_MATCHERS: ReadonlySet<string> = new Set([
  'exact',
  'glob',
  'regex',
  'json',
  'jsonpartial',
  'jsonpath',
  'xml',
  'xmltemplated',
  'xpath',
  'form',
  'array',
  'negate',
  'jwt',
  'containsexactly',
  'contains',
  'containsonly',
]);

/**
 * The v2–v4 field-matcher object keys, in the order the upgrade emits them (one matcher each).
 * `jsonPartialMatch` never had a schema entry but was written by some clients.
 */
const LEGACY_KEYS: ReadonlyArray<readonly [string, string]> = [
  ['exactMatch', 'exact'],
  ['globMatch', 'glob'],
  ['regexMatch', 'regex'],
  ['jsonMatch', 'json'],
  ['jsonPartialMatch', 'jsonpartial'],
  ['jsonPathMatch', 'jsonpath'],
  ['xmlMatch', 'xml'],
  ['xpathMatch', 'xpath'],
];

const LEGACY_KEY_SET = new Set(LEGACY_KEYS.map(([key]) => key));

const at = (pointer: string, ...tokens: Array<string | number>): string => pointer + ptr(...tokens);

/** One v5 matcher `{matcher, value, config?, doMatch?}`. */
export function normaliseMatcher(
  raw: unknown,
  pointer: string,
  report: Reporter,
): HoverflyMatcher | undefined {
  const where = describePointer(pointer);
  if (!isRecord(raw)) {
    report.error(
      pointer,
      `Failed to read matcher ${where}: because it is not an object. Write it as {"matcher": "exact", "value": "..."}.`,
    );
    return undefined;
  }
  const name = raw.matcher ?? '';
  if (typeof name !== 'string') {
    report.error(
      at(pointer, 'matcher'),
      `Failed to read matcher ${where}: because "matcher" is not a string. Name the matcher, e.g. "exact" or "glob".`,
    );
    return undefined;
  }
  // Hoverfly treats an empty matcher name as exact and compares names case-insensitively.
  const matcher = name === '' ? 'exact' : name.toLowerCase();
  if (!KNOWN_MATCHERS.has(matcher)) {
    report.warn(
      at(pointer, 'matcher'),
      `Unknown Hoverfly matcher "${name}" at ${where}: it is kept but no request will match it. Use one of ${[...KNOWN_MATCHERS].join(', ')}.`,
    );
  }
  if (!('value' in raw)) {
    report.error(
      pointer,
      `Failed to read matcher ${where}: because it has no "value". Give the value to compare against.`,
    );
    return undefined;
  }
  let value: unknown = raw.value;
  if (matcher === 'form') {
    const form = normaliseMatcherMap(raw.value, at(pointer, 'value'), report);
    if (!form) return undefined;
    value = form;
  }
  const out: HoverflyMatcher = { matcher, value };
  if (raw.config !== undefined && raw.config !== null) {
    if (!isRecord(raw.config)) {
      report.error(
        at(pointer, 'config'),
        `Failed to read matcher ${where}: because "config" is not an object. Write it as {"ignoreOrder": true} or remove it.`,
      );
      return undefined;
    }
    out.config = { ...raw.config };
  }
  if (raw.doMatch !== undefined && raw.doMatch !== null) {
    const next = normaliseMatcher(raw.doMatch, at(pointer, 'doMatch'), report);
    if (!next) return undefined;
    out.doMatch = next;
  }
  return out;
}

/** A v5 field: an array of matchers. Returns undefined (after reporting) when malformed. */
export function normaliseMatcherList(
  raw: unknown,
  pointer: string,
  report: Reporter,
): HoverflyMatcher[] | undefined {
  if (!Array.isArray(raw)) {
    report.error(
      pointer,
      `Failed to read ${describePointer(pointer)}: because it is not an array of matchers. Write it as [{"matcher": "exact", "value": "..."}].`,
    );
    return undefined;
  }
  const out: HoverflyMatcher[] = [];
  let ok = true;
  raw.forEach((item, index) => {
    const matcher = normaliseMatcher(item, at(pointer, index), report);
    if (matcher) out.push(matcher);
    else ok = false;
  });
  return ok ? out : undefined;
}

/** A v5 map of matcher arrays (headers, query, form fields). */
export function normaliseMatcherMap(
  raw: unknown,
  pointer: string,
  report: Reporter,
): Record<string, HoverflyMatcher[]> | undefined {
  if (!isRecord(raw)) {
    report.error(
      pointer,
      `Failed to read ${describePointer(pointer)}: because it is not an object of matcher arrays. Write it as {"name": [{"matcher": "exact", "value": "..."}]}.`,
    );
    return undefined;
  }
  const out: Record<string, HoverflyMatcher[]> = {};
  let ok = true;
  for (const [key, value] of Object.entries(raw)) {
    const list = normaliseMatcherList(value, at(pointer, key), report);
    if (list) out[key] = list;
    else ok = false;
  }
  return ok ? out : undefined;
}

/**
 * A v2–v4 field-matcher object (`{"exactMatch": "/a", "globMatch": "*"}`) → v5 matchers.
 * `null` stands for "no matcher" as in Hoverfly's Go structs.
 */
export function upgradeLegacyField(
  raw: unknown,
  pointer: string,
  report: Reporter,
): HoverflyMatcher[] | undefined {
  if (raw === null || raw === undefined) return [];
  if (!isRecord(raw)) {
    report.error(
      pointer,
      `Failed to read ${describePointer(pointer)}: because it is not a field-matcher object. Write it as {"exactMatch": "..."} (schema v2–v4) or upgrade the file to v5.`,
    );
    return undefined;
  }
  for (const key of Object.keys(raw)) {
    if (!LEGACY_KEY_SET.has(key)) {
      report.warn(
        at(pointer, key),
        `Unknown field matcher "${key}" at ${describePointer(pointer)} is ignored. Use one of ${[...LEGACY_KEY_SET].join(', ')}.`,
      );
    }
  }
  const out: HoverflyMatcher[] = [];
  let ok = true;
  for (const [key, matcher] of LEGACY_KEYS) {
    const value = raw[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') {
      report.error(
        at(pointer, key),
        `Failed to read ${describePointer(at(pointer, key))}: because it is not a string. Give the ${matcher} pattern as a string.`,
      );
      ok = false;
      continue;
    }
    out.push({ matcher, value });
  }
  return ok ? out : undefined;
}

/**
 * Upgrades whole-query-string matchers (v1/v2 `query`, v5 `deprecatedQuery`) to per-parameter
 * matchers. Exact and glob matchers on `a=1&b=2` split cleanly into `a` and `b`; repeated keys
 * join their values with `;` as Hoverfly does. Other matchers cannot be split: they are dropped
 * with a warning (the pair then matches any query).
 */
export function upgradeWholeQuery(
  matchers: readonly HoverflyMatcher[],
  pointer: string,
  report: Reporter,
): Record<string, HoverflyMatcher[]> {
  const out: Record<string, HoverflyMatcher[]> = {};
  for (const m of matchers) {
    if (
      (m.matcher !== 'exact' && m.matcher !== 'glob') ||
      typeof m.value !== 'string' ||
      m.doMatch
    ) {
      report.warn(
        pointer,
        `A ${m.matcher} matcher on the whole query string at ${describePointer(pointer)} cannot be split per parameter and is dropped. Rewrite it as "query": {"name": [matchers]}.`,
      );
      continue;
    }
    if (m.matcher === 'glob' && m.value.replace(/\*/g, '') === '') continue; // `*` matches any query
    const grouped = new Map<string, string[]>();
    let splittable = true;
    for (const [key, value] of new URLSearchParams(m.value)) {
      if (m.matcher === 'glob' && key.includes('*')) splittable = false;
      const values = grouped.get(key) ?? [];
      values.push(value);
      grouped.set(key, values);
    }
    if (!splittable) {
      report.warn(
        pointer,
        `The glob "${m.value}" at ${describePointer(pointer)} has a wildcard in a parameter name and is dropped. Rewrite it as "query": {"name": [matchers]}.`,
      );
      continue;
    }
    for (const [key, values] of grouped) {
      const list = out[key] ?? [];
      list.push({ matcher: m.matcher, value: values.join(';') });
      out[key] = list;
    }
  }
  return out;
}
