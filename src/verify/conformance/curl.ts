import type { ConformanceRequest } from './types.js';

/** Single-quotes a word for a POSIX shell (`it's` → `'it'\''s'`). */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The full URL of a request: base URL (without its trailing slash) + path + query. */
export function requestUrl(baseUrl: string, request: ConformanceRequest): string {
  const base = baseUrl.replace(/\/+$/, '');
  const query = request.query
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return `${base}${request.path}${query ? `?${query}` : ''}`;
}

/**
 * A curl line that reproduces the request, for failure reports.
 *
 * @example
 * toCurl('http://127.0.0.1:4102', { method: 'GET', path: '/stock/abc', query: [], headers: {} });
 * // "curl -X GET 'http://127.0.0.1:4102/stock/abc'"
 */
export function toCurl(baseUrl: string, request: ConformanceRequest): string {
  const parts = ['curl', '-X', request.method, shellQuote(requestUrl(baseUrl, request))];
  for (const [name, value] of Object.entries(request.headers).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  )) {
    parts.push('-H', shellQuote(`${name}: ${value}`));
  }
  if (request.body !== undefined) parts.push('--data-raw', shellQuote(request.body));
  return parts.join(' ');
}
