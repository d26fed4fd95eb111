import { describe, expect, it } from 'vitest';
import { emptyService, type HttpOperation, type Service } from '../../model/index.js';
import { basePath, smokeOrder, smokeRequest } from './smoke-request.js';

function op(
  partial: Partial<HttpOperation> & Pick<HttpOperation, 'method' | 'path'>,
): HttpOperation {
  return {
    id: `${partial.method} ${partial.path}`,
    tags: [],
    parameters: [],
    responses: [],
    callbacks: [],
    ...partial,
  };
}

function service(init: Partial<Service> = {}): Service {
  return {
    ...emptyService({ name: 's', title: 's', format: 'openapi-3.1', file: 's.yaml' }),
    ...init,
  };
}

describe('smokeOrder', () => {
  it('creates before reading before deleting, keeping contract order within a method', () => {
    const ops = [
      op({ method: 'DELETE', path: '/a/{id}' }),
      op({ method: 'GET', path: '/a' }),
      op({ method: 'POST', path: '/a' }),
      op({ method: 'GET', path: '/b' }),
    ];
    expect(smokeOrder(ops).map((o) => o.id)).toEqual([
      'POST /a',
      'GET /a',
      'GET /b',
      'DELETE /a/{id}',
    ]);
  });
});

describe('basePath', () => {
  it.each([
    [[], ''],
    [[{ url: 'http://localhost:4102' }], ''],
    [[{ url: 'https://api.test/v1/' }], '/v1'],
    [[{ url: '/api' }], '/api'],
    [
      [
        {
          url: 'https://{env}.test/{version}',
          variables: { env: { default: 'x' }, version: { default: 'v2' } },
        },
      ],
      '/v2',
    ],
  ])('%j → %j', (servers, expected) => {
    expect(basePath({ servers })).toBe(expected);
  });
});

describe('smokeRequest', () => {
  it('fills path and required query parameters from examples, then schema hints', () => {
    const getStock = op({
      method: 'GET',
      path: '/stock/{sku}/{n}',
      parameters: [
        { name: 'sku', in: 'path', required: true, examples: [{ name: 'default', value: 'a b' }] },
        {
          name: 'n',
          in: 'path',
          required: true,
          schema: { type: 'integer', minimum: 3 },
          examples: [],
        },
        {
          name: 'mode',
          in: 'query',
          required: true,
          schema: { enum: ['fast', 'slow'] },
          examples: [],
        },
        { name: 'debug', in: 'query', required: false, schema: { type: 'boolean' }, examples: [] },
        {
          name: 'X-Trace',
          in: 'header',
          required: true,
          schema: { type: 'string', default: 't-1' },
          examples: [],
        },
      ],
      responses: [
        { status: '200', headers: [], contents: [{ mediaType: 'application/json', examples: [] }] },
      ],
    });
    expect(smokeRequest(service(), getStock, { 'X-User': 'alice' })).toEqual({
      method: 'GET',
      path: '/stock/a%20b/3?mode=fast',
      headers: { 'X-Trace': 't-1', accept: 'application/json, */*;q=0.1', 'X-User': 'alice' },
    });
  });

  it('sends the request body example as JSON under the base path', () => {
    const reserve = op({
      method: 'POST',
      path: '/reservations',
      requestBody: {
        required: true,
        contents: [
          {
            mediaType: 'application/json',
            examples: [{ name: 'default', value: { sku: 'abc', quantity: 2 } }],
          },
        ],
      },
    });
    expect(smokeRequest(service({ servers: [{ url: 'http://x.test/v1' }] }), reserve)).toEqual({
      method: 'POST',
      path: '/v1/reservations',
      headers: { 'content-type': 'application/json' },
      body: '{"sku":"abc","quantity":2}',
    });
  });

  it('fakes a body from the schema when there is no example, the same on every call', () => {
    const create = op({
      method: 'POST',
      path: '/things',
      requestBody: {
        required: true,
        contents: [
          {
            mediaType: 'application/json',
            schema: {
              type: 'object',
              required: ['name', 'size'],
              properties: {
                name: { type: 'string', minLength: 1 },
                size: { type: 'integer', minimum: 1 },
              },
            },
            examples: [],
          },
        ],
      },
    });
    const first = smokeRequest(service(), create);
    expect(first).toEqual(smokeRequest(service(), create));
    const body = JSON.parse(first.body ?? 'null') as { name: unknown; size: unknown };
    expect(typeof body.name).toBe('string');
    expect(Number.isInteger(body.size)).toBe(true);
  });
});
