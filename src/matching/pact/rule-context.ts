/**
 * Looks up which rules apply at a location in a body (or in headers, query, metadata). For body
 * locations the most specific rule path wins (see `rule-path.ts`); rules on an ancestor cascade
 * down to its children, as in Pact.
 */
import type { MatchingRule, RuleList } from '../../model/pact.js';
import { parseRulePath, pathWeight } from './rule-path.js';

export type RuleMap = Readonly<Record<string, RuleList>> | undefined;

const TYPE_LIKE = new Set(['type', 'min', 'max', 'minmax', 'values', 'eachValue', 'eachKey']);

/** The best rule list for a location, or undefined when no rule applies. */
export function bestRules(rules: RuleMap, location: readonly string[]): RuleList | undefined {
  return resolveRules(rules, location)?.list;
}

export interface ResolvedRules {
  list: RuleList;
  /** The rule was written for this very location, not inherited from an ancestor. */
  direct: boolean;
}

/** Like {@link bestRules}, also telling whether the winning rule is direct or cascaded. */
export function resolveRules(
  rules: RuleMap,
  location: readonly string[],
): ResolvedRules | undefined {
  if (!rules) return undefined;
  let best: RuleList | undefined;
  let bestWeight = 0;
  let bestLength = 0;
  for (const [expression, list] of Object.entries(rules)) {
    const tokens = parseRulePath(expression);
    if (!tokens) continue;
    const weight = pathWeight(tokens, location);
    if (weight === 0) continue;
    if (weight > bestWeight || (weight === bestWeight && tokens.length > bestLength)) {
      best = list;
      bestWeight = weight;
      bestLength = tokens.length;
    }
  }
  if (best === undefined || best.matchers.length === 0) return undefined;
  return { list: best, direct: bestLength === location.length };
}

/**
 * Resolves rules at whichever of several spellings of one location fits best. XML uses this:
 * Pact-JVM puts the child index in element paths (`$.animals.0.alligator`), pact-rust does not
 * (`$.animals.alligator`), and pacts in the wild use both.
 */
export function resolveRulesAt(
  rules: RuleMap,
  locations: ReadonlyArray<readonly string[]>,
): ResolvedRules | undefined {
  let best: ResolvedRules | undefined;
  let bestWeight = 0;
  for (const location of locations) {
    const resolved = resolveRules(rules, location);
    if (!resolved) continue;
    const weight = weightOf(rules, location, resolved.list);
    if (weight > bestWeight) {
      best = resolved;
      bestWeight = weight;
    }
  }
  return best;
}

function weightOf(rules: RuleMap, location: readonly string[], list: RuleList): number {
  for (const [expression, candidate] of Object.entries(rules ?? {})) {
    if (candidate !== list) continue;
    const tokens = parseRulePath(expression);
    if (tokens) return pathWeight(tokens, location);
  }
  return 0;
}

/** Rules written for exactly this location (not inherited from an ancestor). */
export function directRules(rules: RuleMap, location: readonly string[]): MatchingRule[] {
  if (!rules) return [];
  const out: MatchingRule[] = [];
  for (const [expression, list] of Object.entries(rules)) {
    const tokens = parseRulePath(expression);
    if (tokens && tokens.length === location.length && pathWeight(tokens, location) > 0) {
      out.push(...list.matchers);
    }
  }
  return out;
}

/** True when a type-like rule (type, min/max, values, eachValue...) applies at the location. */
export function typeMatcherDefined(rules: RuleMap, location: readonly string[]): boolean {
  const list = bestRules(rules, location);
  return list?.matchers.some((m) => TYPE_LIKE.has(m.match)) ?? false;
}

/** Rules keyed by a plain name (headers: case-insensitive; query, metadata: exact). */
export function namedRules(
  rules: RuleMap,
  name: string,
  caseInsensitive: boolean,
): RuleList | undefined {
  if (!rules) return undefined;
  const wanted = caseInsensitive ? name.toLowerCase() : name;
  for (const [key, list] of Object.entries(rules)) {
    let k = key;
    // Some writers key header/query rules as `$.name` or `$['name']`.
    const bracket = /^\$\[\s*(['"])(.*)\1\s*\]$/.exec(k);
    if (bracket) k = bracket[2]!;
    else if (k.startsWith('$.')) k = k.slice(2);
    if ((caseInsensitive ? k.toLowerCase() : k) === wanted && list.matchers.length > 0) return list;
  }
  return undefined;
}
