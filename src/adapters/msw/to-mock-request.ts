import type { HeaderMap, MockRequest } from '../../mock/types.js';

/**
 * Turns a Web `Request` (what MSW hands a resolver) into the engine's plain record. `basePath`
 * is the path part of the base URL the contracts are served under; it is cut off the front so the
 * engine routes exactly as behind `gauntlet mock`. The `host` header, which fetch never lists,
 * is filled from the URL (the engine uses it for runtime expressions and the service listing).
 *
 * @example
 * const record = await toMockRequest(new Request('http://api.test/v1/pets?limit=2'), '/v1');
 * // { method: 'GET', path: '/pets', query: 'limit=2', headers: { host: 'api.test' } }
 */
export async function toMockRequest(request: Request, basePath = ''): Promise<MockRequest> {
  const url = new URL(request.url);
  const headers: HeaderMap = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (headers.host === undefined) headers.host = url.host;
  let path = url.pathname;
  if (basePath !== '' && (path === basePath || path.startsWith(`${basePath}/`))) {
    path = path.slice(basePath.length) || '/';
  }
  const record: MockRequest = {
    method: request.method.toUpperCase(),
    path,
    query: url.search.startsWith('?') ? url.search.slice(1) : url.search,
    headers,
  };
  if (request.body !== null) {
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > 0) record.body = bytes;
  }
  return record;
}
