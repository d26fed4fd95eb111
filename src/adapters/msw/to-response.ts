import type { MockResponse } from '../../mock/types.js';

/** Statuses whose responses must not carry a body (the Response constructor throws otherwise). */
const NO_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * Builds a Web `Response` from the engine's answer. HEAD requests and 204/205/304 answers get no
 * body; a status the Fetch API cannot represent (below 200 or above 599) becomes a 500 naming the
 * status, rather than an exception inside the service worker.
 *
 * @example
 * const response = toResponse(engine.handle(record), record.method);
 */
export function toResponse(mock: MockResponse, method: string): Response {
  const headers = new Headers();
  for (const [name, value] of mock.headers) headers.append(name, value);
  if (mock.status < 200 || mock.status > 599) {
    return new Response(`The contract answered ${mock.status}, which fetch cannot represent.`, {
      status: 500,
      headers: { 'Content-Type': 'text/plain' },
    });
  }
  const empty = method.toUpperCase() === 'HEAD' || NO_BODY.has(mock.status);
  // A copy: BodyInit wants a Uint8Array backed by a plain ArrayBuffer, and static bodies are shared.
  const body = empty || mock.body === undefined ? null : new Uint8Array(mock.body);
  return new Response(body, { status: mock.status, headers });
}
