/**
 * Expected failures are data: a mismatch, a validation error, a lint finding or a breaking change
 * is a Diagnostic collected into an array, never an exception thrown on the first one.
 */
export type Severity = 'error' | 'warning' | 'info';

/** Where in a source file something is. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
  /** JSON pointer into the parsed document (RFC 6901), e.g. `/paths/~1pets/get`. */
  pointer?: string;
}

export interface Diagnostic {
  /** Stable machine code, e.g. `GAUNTLET_E_SPEC_PARSE` or `lint.example.invalid`. */
  code: string;
  severity: Severity;
  /** Human sentence: what is wrong and, where possible, what to do. */
  message: string;
  /** JSON pointer of the offending value inside the document or request. */
  path?: string;
  location?: SourceLocation;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Formats a location as `file:line:column` (or `file#/pointer`) for terminal output. */
export function formatLocation(location: SourceLocation | undefined): string {
  if (!location) return '';
  let out = location.file;
  if (location.line !== undefined) {
    out += `:${location.line}`;
    if (location.column !== undefined) out += `:${location.column}`;
  }
  if (location.pointer !== undefined && location.pointer !== '') out += `#${location.pointer}`;
  return out;
}

/** Escapes one reference token for a JSON pointer (RFC 6901). */
export function escapePointerToken(token: string | number): string {
  if (typeof token === 'number') return String(token);
  // Most tokens need no escaping: skip the two replacements (loading a big contract builds a
  // pointer for every schema node).
  if (!token.includes('~') && !token.includes('/')) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Reads one escaped reference token of a JSON pointer (RFC 6901): `a~1b` → `a/b`. */
export function unescapePointerToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Builds a JSON pointer from tokens: `pointer('paths', '/pets', 'get')` → `/paths/~1pets/get`. */
export function pointer(...tokens: ReadonlyArray<string | number>): string {
  return tokens.map((t) => `/${escapePointerToken(t)}`).join('');
}
