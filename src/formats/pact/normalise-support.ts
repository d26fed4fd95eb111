/**
 * What every part of pact normalisation shares: the result shape, the spec family, JSON-pointer
 * children, the one way a problem is reported (`GAUNTLET_E_PACT_INVALID`, never a throw) and the
 * category names rules and generators are filed under.
 */

import { type Diagnostic, escapePointerToken } from '../../model/diagnostic.js';
import type { RuleCategory } from '../../model/pact.js';
import { isRecord } from '../../util/guards.js';

/** The spec families whose file shapes differ; 1.1 counts as 1. */
export type PactVersionFamily = 1 | 2 | 3 | 4;

export interface Normalised<T> {
  value?: T;
  diagnostics: Diagnostic[];
}

const CODE = 'GAUNTLET_E_PACT_INVALID';

export function child(at: string, token: string | number): string {
  return `${at}/${escapePointerToken(token)}`;
}

export function problem(
  diagnostics: Diagnostic[],
  path: string,
  what: string,
  because: string,
  severity: 'error' | 'warning' = 'error',
): void {
  diagnostics.push({
    code: CODE,
    severity,
    path,
    message: `Failed to read ${what}: because ${because}. Fix the pact file (or regenerate it with a Pact library).`,
  });
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/**
 * The object a part of a pact must be, or undefined: a missing (`undefined`/`null`) part is
 * silently absent, anything else that is not an object is reported as `what`.
 */
export function optionalObject(
  raw: unknown,
  at: string,
  what: string,
  diagnostics: Diagnostic[],
): Record<string, unknown> | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) {
    problem(diagnostics, at, what, `they are ${describe(raw)}, not an object`);
    return undefined;
  }
  return raw;
}

/** Category names as pact files write them (V3 `headers`, V3 messages `metaData`…) → the model's. */
export const CATEGORY_ALIASES: Record<string, RuleCategory> = {
  body: 'body',
  header: 'header',
  headers: 'header',
  query: 'query',
  path: 'path',
  status: 'status',
  metadata: 'metadata',
  metaData: 'metadata',
  content: 'content',
  contents: 'content',
};

/** What `forEachCategory` does with each category's content. */
export interface CategoryVisitor {
  /** `rule` or `generator`, for the messages. */
  noun: 'rule' | 'generator';
  /** The key that marks a `path`/`status` entry written whole rather than keyed (`matchers`, `type`). */
  wholeMarker: string;
  /** Called once per well-formed category, before its content (generators keep empty groups). */
  open?: (category: RuleCategory) => void;
  /** A `path`/`status` entry written whole: it goes under the key `$`. */
  whole: (category: RuleCategory, value: Record<string, unknown>, at: string) => void;
  /** One keyed entry of a category. */
  entry: (category: RuleCategory, key: string, value: unknown, at: string) => void;
}

/**
 * Walks the V3/V4 category shape shared by `matchingRules` and `generators`
 * (`{header: {Name: …}, path: …}`): unknown categories and non-object contents are reported, the
 * rest handed to the visitor in file order.
 */
export function forEachCategory(
  raw: Record<string, unknown>,
  at: string,
  visit: CategoryVisitor,
  diagnostics: Diagnostic[],
): void {
  for (const [name, value] of Object.entries(raw)) {
    const category = CATEGORY_ALIASES[name];
    const cat = child(at, name);
    if (!category) {
      problem(
        diagnostics,
        cat,
        `the ${visit.noun} category '${name}'`,
        'it is not a Pact category',
        'warning',
      );
      continue;
    }
    if (
      (category === 'path' || category === 'status') &&
      isRecord(value) &&
      visit.wholeMarker in value
    ) {
      visit.open?.(category);
      visit.whole(category, value, cat);
      continue;
    }
    if (!isRecord(value)) {
      problem(
        diagnostics,
        cat,
        `the '${name}' ${visit.noun}s`,
        `they are ${describe(value)}, not an object`,
      );
      continue;
    }
    visit.open?.(category);
    for (const [key, entry] of Object.entries(value)) {
      visit.entry(category, key, entry, child(cat, key));
    }
  }
}
