import type { Severity } from '../../model/index.js';

/** One entry of `oasdiff breaking|changelog --format json`. */
export interface OasdiffChange {
  id: string;
  text: string;
  /** 3 = ERR (breaking), 2 = WARN (maybe breaking), 1 = INFO. */
  level: number;
  operation?: string;
  operationId?: string;
  path?: string;
  section?: string;
  fingerprint?: string;
  baseSource?: { file?: string; line?: number; column?: number };
  revisionSource?: { file?: string; line?: number; column?: number };
}

/** A spec change in our terms, with who it breaks. */
export interface SpecChange {
  /** oasdiff's check id, e.g. `response-required-property-removed`. */
  id: string;
  severity: Severity;
  text: string;
  method?: string;
  path?: string;
  operationId?: string;
  /** `file:line` in the base (removed things) or head (added things), when oasdiff knows it. */
  source?: string;
  impact?: ConsumerImpact;
}

/** "Breaking for whom": the answer of the consumers' pacts. */
export interface ConsumerImpact {
  /**
   * `breaks`: at least one consumer interaction relies on what changed;
   * `safe`: consumer pacts exist for this provider and none relies on it;
   * `unknown`: there are no pacts for the provider, so nobody can say.
   */
  verdict: 'breaks' | 'safe' | 'unknown';
  reason: string;
  consumers: Array<{ consumer: string; interactions: string[] }>;
}

const SEVERITY_OF_LEVEL: Record<number, Severity> = { 3: 'error', 2: 'warning', 1: 'info' };

function unknownToChange(value: unknown): OasdiffChange | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || typeof v.text !== 'string' || typeof v.level !== 'number') {
    return undefined;
  }
  return v as unknown as OasdiffChange;
}

/** Parses oasdiff's JSON output (an array, or `null`/empty for no changes). */
export function parseOasdiffJson(text: string): OasdiffChange[] {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'null') return [];
  const value: unknown = JSON.parse(trimmed);
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => {
    const change = unknownToChange(v);
    return change ? [change] : [];
  });
}

/**
 * Merges `oasdiff breaking` (errors and warnings) with `oasdiff changelog` (adds the
 * non-breaking info entries), each change once, errors first, then by path and method.
 *
 * @example
 * classifyChanges(parseOasdiffJson(breakingJson), parseOasdiffJson(changelogJson));
 */
export function classifyChanges(
  breaking: readonly OasdiffChange[],
  changelog: readonly OasdiffChange[],
): SpecChange[] {
  const seen = new Set<string>();
  const out: SpecChange[] = [];
  for (const c of [...breaking, ...changelog]) {
    const key = c.fingerprint ?? `${c.id}|${c.operation}|${c.path}|${c.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const src = c.baseSource ?? c.revisionSource;
    const change: SpecChange = {
      id: c.id,
      severity: SEVERITY_OF_LEVEL[c.level] ?? 'info',
      text: c.text,
    };
    if (c.operation !== undefined) change.method = c.operation.toUpperCase();
    if (c.path !== undefined) change.path = c.path;
    if (c.operationId !== undefined) change.operationId = c.operationId;
    if (src?.file !== undefined)
      change.source = `${src.file}${src.line !== undefined ? `:${src.line}` : ''}`;
    out.push(change);
  }
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return out.sort(
    (a, b) =>
      rank[a.severity] - rank[b.severity] ||
      (a.path ?? '').localeCompare(b.path ?? '') ||
      (a.method ?? '').localeCompare(b.method ?? ''),
  );
}
