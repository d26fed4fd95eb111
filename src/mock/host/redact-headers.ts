import type { HeaderMap } from '../types.js';

/** Headers whose values never leave the journal or a recording as written. */
export const SENSITIVE_HEADERS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-gauntlet-admin-token',
];

export const REDACTED = '[redacted]';

const DEFAULT_SENSITIVE: ReadonlySet<string> = new Set(SENSITIVE_HEADERS);

/**
 * A copy of `headers` with the values of sensitive headers replaced by `[redacted]` (names
 * compared case-insensitively). Absent values are dropped.
 *
 * @example
 * redactHeaders({ authorization: 'Bearer x', accept: '*\/*' });
 * // { authorization: '[redacted]', accept: '*\/*' }
 */
export function redactHeaders(
  headers: HeaderMap,
  sensitive: ReadonlySet<string> = DEFAULT_SENSITIVE,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (sensitive.has(name.toLowerCase())) {
      out[name] = Array.isArray(value) ? value.map(() => REDACTED) : REDACTED;
    } else {
      out[name] = Array.isArray(value) ? [...value] : value;
    }
  }
  return out;
}

/** The default list plus `extra` (lower-cased), as a set for {@link redactHeaders}. */
export function sensitiveHeaderSet(extra: readonly string[] = []): ReadonlySet<string> {
  return new Set([...SENSITIVE_HEADERS, ...extra.map((h) => h.trim().toLowerCase())]);
}
