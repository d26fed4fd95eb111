import { describe, expect, it } from 'vitest';
import { toMockRequest } from './to-mock-request.js';
import { toResponse } from './to-response.js';

describe('toMockRequest', () => {
  it('cuts the base path, keeps the query raw and fills host from the URL', async () => {
    const record = await toMockRequest(
      new Request('http://api.test:8080/v1/pets/a%20b?limit=2&x=%2F', {
        headers: { 'X-User': 'ann' },
      }),
      '/v1',
    );
    expect(record).toEqual({
      method: 'GET',
      path: '/pets/a%20b',
      query: 'limit=2&x=%2F',
      headers: { 'x-user': 'ann', host: 'api.test:8080' },
    });
  });

  it('gives the base path itself as /', async () => {
    const record = await toMockRequest(new Request('http://api.test/v1'), '/v1');
    expect(record.path).toEqual('/');
  });

  it('reads the body as bytes', async () => {
    const record = await toMockRequest(
      new Request('http://api.test/pets', { method: 'post', body: '{"name":"Rex"}' }),
    );
    expect(record.method).toEqual('POST');
    expect(new TextDecoder().decode(record.body)).toEqual('{"name":"Rex"}');
  });
});

describe('toResponse', () => {
  const body = new TextEncoder().encode('{"id":1}');

  it('copies status, headers in order and body', async () => {
    const response = toResponse(
      {
        status: 201,
        headers: [
          ['Content-Type', 'application/json'],
          ['X-A', '1'],
        ],
        body,
      },
      'POST',
    );
    expect(response.status).toEqual(201);
    const headers: Array<[string, string]> = [];
    response.headers.forEach((value, name) => {
      headers.push([name, value]);
    });
    expect(headers).toEqual([
      ['content-type', 'application/json'],
      ['x-a', '1'],
    ]);
    expect(await response.text()).toEqual('{"id":1}');
  });

  it('sends no body for HEAD and 204', async () => {
    expect(await toResponse({ status: 200, headers: [], body }, 'HEAD').text()).toEqual('');
    expect(await toResponse({ status: 204, headers: [], body }, 'GET').text()).toEqual('');
  });

  it('turns a status fetch cannot represent into a 500 that names it', async () => {
    const response = toResponse({ status: 102, headers: [] }, 'GET');
    expect(response.status).toEqual(500);
    expect(await response.text()).toEqual(
      'The contract answered 102, which fetch cannot represent.',
    );
  });
});
