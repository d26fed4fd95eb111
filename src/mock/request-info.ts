import { parseCookies, parseQuery } from './deserialize.js';
import type { HeaderMap, MockRequest } from './types.js';

export type ValidationMode = 'on' | 'warn' | 'off';

/** What the engine knows about the request beyond the operation. */
export interface RequestInfo {
  request: MockRequest;
  pathParams: Record<string, string>;
  /** Absolute request URL (for `$url`), built only when a callback needs it. */
  url: () => string;
  /** HEAD served by a GET operation: same headers, no body. */
  headOnly: boolean;
}

export interface EngineState {
  mode: ValidationMode;
  /** Per-request randomness for `Prefer: dynamic=true`, seeded once per engine. */
  random: () => number;
}

/** The query and cookie pairs of one request, parsed on first use and then shared. */
export interface RequestParts {
  query(): Array<[string, string]>;
  cookies(): Array<[string, string]>;
}

export function headerOf(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Lazily parsed query and cookies of `request` (most requests need neither). */
export function requestParts(request: MockRequest): RequestParts {
  let queryPairs: Array<[string, string]> | undefined;
  let cookiePairs: Array<[string, string]> | undefined;
  return {
    query: () => {
      queryPairs ??= parseQuery(request.query);
      return queryPairs;
    },
    cookies: () => {
      cookiePairs ??= parseCookies(headerOf(request.headers, 'cookie') ?? '');
      return cookiePairs;
    },
  };
}
