import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSource } from '../../src/formats/load-source.js';
import { compile } from '../../src/mock/compile.js';
import type { MockEngine, MockResponse } from '../../src/mock/types.js';

// A V4 pact written for the "pact stub details" classes: JSON-string bodies, multipart/XML/text
// requests matched by the Pact rules, one request told apart by provider state, and
// ProviderState generators without a value.
const FIXTURE = new URL('./fixtures/stub-details.json', import.meta.url);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

let engine: MockEngine;
beforeAll(async () => {
  const source = await loadSource('stub-details.json', await readFile(FIXTURE, 'utf8'), {
    readFile: () => Promise.reject(new Error('no includes')),
  });
  expect(source.diagnostics).toEqual([]);
  engine = compile([source.service!], { seed: 1 });
});

function send(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): MockResponse {
  return engine.handle({
    method,
    path,
    query: '',
    headers: { host: 'stub.test', ...headers },
    ...(body !== undefined ? { body: encoder.encode(body) } : {}),
  });
}
const text = (r: MockResponse): string => (r.body ? decoder.decode(r.body) : '');

describe('pact stubs: details as pact-stub-server serves them', () => {
  it('a V4 JSON-string body under a JSON content type is sent as a JSON string', () => {
    expect(text(send('GET', '/greeting'))).toBe('"hello"');
    expect(text(send('GET', '/raw'))).toBe('"{\\"a\\":1}"');
  });

  it('a multipart request matches part by part, whatever its boundary', () => {
    const body = (boundary: string, title: string, type: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n${title}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.txt"\r\nContent-Type: ${type}\r\n\r\nother text\r\n--${boundary}--\r\n`;
    const type = (b: string) => ({ 'content-type': `multipart/form-data; boundary=${b}` });
    expect(send('POST', '/upload', type('XyZ'), body('XyZ', 'holiday', 'text/plain')).status).toBe(
      201,
    );
    // The field must be equal; the file's type is decided by its contentType rule.
    expect(send('POST', '/upload', type('Q1'), body('Q1', 'work', 'text/plain')).status).toBe(404);
    expect(send('POST', '/upload', type('Q2'), body('Q2', 'holiday', 'image/png')).status).toBe(
      404,
    );
  });

  it('XML and plain-text requests match through their rules', () => {
    const xml = { 'content-type': 'application/xml' };
    expect(send('POST', '/orders', xml, '<order><id>42</id></order>').status).toBe(202);
    expect(send('POST', '/orders', xml, '<order><id>x</id></order>').status).toBe(404);
    const plain = { 'content-type': 'text/plain' };
    expect(send('POST', '/notes', plain, 'note 99').status).toBe(204);
    expect(send('POST', '/notes', plain, 'memo 99').status).toBe(404);
  });

  it('the same request is told apart by the provider state asked for', () => {
    expect(send('GET', '/users/7', { 'x-pact-provider-state': 'no users' }).status).toBe(404);
    expect(send('GET', '/users/7', { 'x-pact-provider-state': 'user 7 exists' }).status).toBe(200);
  });

  it('a ProviderState generator without a state value keeps the example, never null', () => {
    expect(JSON.parse(text(send('GET', '/accounts/1')))).toEqual({ id: 1, owner: 'Bo' });
    expect(JSON.parse(text(send('GET', '/accounts/2')))).toEqual({ id: 2, owner: 'Cy' });
  });
});
