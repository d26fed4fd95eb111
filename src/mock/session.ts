import type { MockRequest } from './types.js';

/** The request header that names a test's session (lower case, as node gives headers). */
export const SESSION_HEADER = 'x-gauntlet-session';

/** The session of requests that name none. */
export const DEFAULT_SESSION = 'default';

/**
 * The session a request belongs to: its `X-Gauntlet-Session` header, or {@link DEFAULT_SESSION}.
 *
 * @example
 * scenarios.handle(request, sessionOf(request));
 */
export function sessionOf(request: MockRequest): string {
  const value = request.headers[SESSION_HEADER];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? DEFAULT_SESSION : first;
}
