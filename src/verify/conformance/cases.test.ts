import { describe, expect, it } from 'vitest';
import { loadSource } from '../../formats/load-source.js';
import { createSchemaCompiler } from '../../matching/json-schema.js';
import type { Service } from '../../model/index.js';
import { buildCases } from './cases.js';

const SPEC = `
openapi: 3.1.0
info: { title: shop, version: '1' }
paths:
  /items/{id}:
    get:
      operationId: getItem
      parameters:
        - { name: id, in: path, required: true, schema: { type: integer, minimum: 1 }, example: 7 }
        - { name: verbose, in: query, required: false, schema: { type: boolean } }
      responses: { '200': { description: ok } }
  /items:
    post:
      operationId: createItem
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              required: [name, price]
              properties:
                name: { type: string, minLength: 1 }
                price: { type: number, minimum: 0 }
            example: { name: pen, price: 2 }
      responses: { '201': { description: created } }
`;

async function service(): Promise<Service> {
  const loaded = await loadSource('shop.yaml', SPEC, { readFile: async () => '' });
  if (!loaded.service) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.service;
}

describe('buildCases', () => {
  it('starts each operation with a request from the spec examples', async () => {
    const s = await service();
    const { cases } = buildCases(s, {
      cases: 0,
      seed: 1,
      compiler: createSchemaCompiler(s.schemas),
    });
    const examples = cases.filter((c) => c.source === 'example');
    expect(examples.map((c) => c.request)).toEqual([
      { method: 'GET', path: '/items/7', query: [], headers: {} },
      {
        method: 'POST',
        path: '/items',
        query: [],
        headers: { 'content-type': 'application/json' },
        body: '{"name":"pen","price":2}',
      },
    ]);
  });

  it('covers each parameter and body property with its boundary and shape values', async () => {
    const s = await service();
    const { cases } = buildCases(s, {
      cases: 0,
      seed: 1,
      compiler: createSchemaCompiler(s.schemas),
    });
    const url = (c: (typeof cases)[number]) =>
      `${c.request.path}${c.request.query.length > 0 ? `?${new URLSearchParams(c.request.query)}` : ''}`;
    expect(
      cases
        .filter((c) => c.source === 'coverage')
        .map((c) => [c.phase, c.operationId, c.label, url(c), c.request.body ?? null]),
    ).toEqual([
      ['coverage', 'getItem', "path 'id': minimum 1", '/items/1', null],
      ['coverage', 'getItem', "query 'verbose': true", '/items/7?verbose=true', null],
      ['coverage', 'getItem', "query 'verbose': false", '/items/7?verbose=false', null],
      ['coverage', 'createItem', "body 'name': minLength 1", '/items', '{"name":"a","price":2}'],
      [
        'coverage',
        'createItem',
        "body 'name': a long string (64)",
        '/items',
        `{"name":"${'abcdefghijklmnopqrstuvwxyz'.repeat(3).slice(0, 64)}","price":2}`,
      ],
      ['coverage', 'createItem', "body 'price': minimum 0", '/items', '{"name":"pen","price":0}'],
    ]);
  });

  it('mutates the example into requests that each break one rule', async () => {
    const s = await service();
    const { cases } = buildCases(s, {
      cases: 0,
      seed: 1,
      compiler: createSchemaCompiler(s.schemas),
    });
    expect(
      cases
        .filter((c) => c.source === 'negative')
        .map((c) => [c.operationId, c.label, c.request.path, c.request.body ?? null]),
    ).toEqual([
      ['getItem', "path 'id': a string instead of integer", '/items/not-a-number', null],
      ['getItem', "path 'id': below minimum 1", '/items/0', null],
      ['getItem', "path 'id': a fraction instead of an integer", '/items/1.5', null],
      ['createItem', "body: missing required 'name'", '/items', '{"price":2}'],
      ['createItem', "body: missing required 'price'", '/items', '{"name":"pen"}'],
      [
        'createItem',
        "body 'name': a number instead of a string",
        '/items',
        '{"name":12345,"price":2}',
      ],
      [
        'createItem',
        "body 'price': a string instead of number",
        '/items',
        '{"name":"pen","price":"not-a-number"}',
      ],
      ['createItem', "body 'price': below minimum 0", '/items', '{"name":"pen","price":-1}'],
      [
        'createItem',
        'body: an undeclared property',
        '/items',
        '{"name":"pen","price":2,"x-unexpected":1}',
      ],
      ['createItem', 'body: an array instead of object', '/items', '[]'],
      ['createItem', 'body: missing (the body is required)', '/items', null],
    ]);
  });

  it('generates the same valid requests for the same seed, and others for another seed', async () => {
    const s = await service();
    const compiler = createSchemaCompiler(s.schemas);
    const generated = (seed: number) =>
      buildCases(s, { cases: 4, seed, compiler }).cases.filter((c) => c.source === 'generated');
    const first = generated(42);
    expect(first).toHaveLength(8);
    expect(generated(42)).toEqual(first);
    expect(generated(43)).not.toEqual(first);
    const check = compiler.compile(s.operations[1]?.requestBody?.contents[0]?.schema ?? false);
    for (const c of first.filter((x) => x.operationId === 'createItem')) {
      expect(check(JSON.parse(c.request.body ?? 'null'))).toEqual([]);
    }
    for (const c of first.filter((x) => x.operationId === 'getItem')) {
      expect(Number(c.request.path.split('/')[2])).toBeGreaterThanOrEqual(1);
    }
  });
});
