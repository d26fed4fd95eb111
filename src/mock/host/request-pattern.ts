import type { HeaderMap } from '../types.js';
import { compilePathPattern } from './path-pattern.js';
import type { RequestPattern } from './types.js';

/** The parts of a request a pattern looks at (a live request or a journal entry). */
export interface PatternSubject {
  method: string;
  path: string;
  query: string;
  headers: HeaderMap;
  session: string | undefined;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function queryValue(query: string, name: string): string | undefined {
  if (query === '') return undefined;
  return new URLSearchParams(query).get(name) ?? undefined;
}

/**
 * Compiles a request pattern once into a test (stubs are tested on every request; counting
 * runs one pattern over the whole journal).
 *
 * @example
 * const test = compileRequestPattern({ method: 'post', path: '/orders' });
 * test({ method: 'POST', path: '/orders', query: '', headers: {}, session: undefined }); // true
 */
export function compileRequestPattern(
  pattern: RequestPattern,
): (subject: PatternSubject) => boolean {
  const method = pattern.method?.toUpperCase();
  const path = pattern.path === undefined ? undefined : compilePathPattern(pattern.path);
  const query = Object.entries(pattern.query ?? {});
  const headers = Object.entries(pattern.headers ?? {}).map(
    ([name, value]) => [name.toLowerCase(), value] as const,
  );
  const session = pattern.session;
  return (subject) => {
    if (method !== undefined && subject.method.toUpperCase() !== method) return false;
    if (path !== undefined && !path(subject.path)) return false;
    if (session !== undefined && subject.session !== session) return false;
    for (const [name, value] of headers) {
      if (firstValue(subject.headers[name]) !== value) return false;
    }
    for (const [name, value] of query) {
      if (queryValue(subject.query, name) !== value) return false;
    }
    return true;
  };
}
