/**
 * What a client asked for with Prism's mock controls: the `Prefer` header (`code=`, `example=`,
 * `dynamic=`) or, when no `Prefer` header is sent, the query's `__code`, `__example` and
 * `__dynamic` (Prism reads one source or the other, never a mix).
 */
export interface Preferences {
  code?: string;
  example?: string;
  dynamic?: boolean;
  /** Values Prism refuses with a 422: a code that is not three digits, a dynamic that is not a boolean. */
  invalid?: string[];
}

/** Checks and stores one control; returns whether it was one of ours. */
function take(out: Preferences, key: string, value: string, source: string): boolean {
  let problem: string | undefined;
  if (key === 'code') {
    if (/^\d{3}$/.test(value)) out.code = value;
    else problem = `${source}code=${value} is not a three-digit status`;
  } else if (key === 'example') out.example = value;
  else if (key === 'dynamic') {
    if (value === 'true' || value === 'false') out.dynamic = value === 'true';
    else problem = `${source}dynamic=${value} is neither true nor false`;
  } else return false;
  if (problem !== undefined) {
    out.invalid ??= [];
    out.invalid.push(problem);
  }
  return true;
}

/** Parses `Prefer: code=404, example=notFound, dynamic=true` (`,` or `;` separated). */
export function parsePrefer(header: string | undefined): Preferences | undefined {
  if (header === undefined || header === '') return undefined;
  const out: Preferences = {};
  let any = false;
  for (const part of header.split(/[,;]/)) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2)
      value = value.slice(1, -1);
    if (take(out, key, value, '')) any = true;
  }
  return any ? out : undefined;
}

/** The query twins of `Prefer`: `__code`, `__example`, `__dynamic` (the first of each wins). */
export function preferencesFromQuery(
  pairs: ReadonlyArray<readonly [string, string]>,
): Preferences | undefined {
  const out: Preferences = {};
  const seen = new Set<string>();
  for (const [name, value] of pairs) {
    if (!name.startsWith('__')) continue;
    const key = name.slice(2);
    if (seen.has(key)) continue;
    if (take(out, key, value, '__')) seen.add(key);
  }
  return seen.size > 0 ? out : undefined;
}
