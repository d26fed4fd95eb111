import { describe, expect, it } from 'vitest';
import { createSchemaCompiler } from '../../matching/json-schema.js';
import type { HttpOperation } from '../../model/index.js';
import { checkResponse, documentedResponse } from './check-response.js';

const stock = { $ref: '#/components/schemas/Stock' };
const compiler = createSchemaCompiler({
  Stock: {
    type: 'object',
    required: ['sku', 'available'],
    properties: { sku: { type: 'string' }, available: { type: 'integer', minimum: 0 } },
  },
});

const getStock: HttpOperation = {
  id: 'getStock',
  method: 'GET',
  path: '/stock/{sku}',
  tags: [],
  parameters: [],
  callbacks: [],
  responses: [
    {
      status: '200',
      headers: [],
      contents: [{ mediaType: 'application/json', schema: stock, examples: [] }],
    },
    {
      status: '4XX',
      headers: [],
      contents: [{ mediaType: 'application/problem+json', examples: [] }],
    },
    { status: '204', headers: [], contents: [] },
  ],
};

describe('documentedResponse', () => {
  it('prefers the exact status, then its range', () => {
    expect(documentedResponse(getStock, 200)?.status).toBe('200');
    expect(documentedResponse(getStock, 404)?.status).toBe('4XX');
    expect(documentedResponse(getStock, 500)).toBeUndefined();
  });
});

describe('checkResponse', () => {
  it('accepts a documented status with a body that matches the schema', () => {
    const body = '{"sku":"abc","available":3}';
    expect(
      checkResponse(getStock, compiler, {
        status: 200,
        contentType: 'application/json; charset=utf-8',
        body,
      }),
    ).toEqual([]);
  });

  it('lists every schema problem of the body', () => {
    const body = '{"sku":1,"available":-1}';
    expect(
      checkResponse(getStock, compiler, { status: 200, contentType: 'application/json', body }),
    ).toEqual(['body /sku: must be string', 'body /available: must be >= 0']);
  });

  it.each([
    [
      { status: 500, contentType: undefined, body: '' },
      ['status 500 is not documented (documented: 200, 4XX, 204)'],
    ],
    [
      { status: 200, contentType: 'text/html', body: '<p>' },
      ['content type "text/html" is not documented for 200 (documented: application/json)'],
    ],
    [
      { status: 200, contentType: 'application/json', body: '{' },
      ['the application/json body is not valid JSON'],
    ],
    [
      { status: 204, contentType: 'application/json', body: '{}' },
      ['status 204 documents no body, but one came back'],
    ],
    [{ status: 404, contentType: 'application/problem+json', body: '{"title":"x"}' }, []],
    [{ status: 204, contentType: undefined, body: '' }, []],
  ])('%j → %j', (observed, expected) => {
    expect(checkResponse(getStock, compiler, observed)).toEqual(expected);
  });
});
