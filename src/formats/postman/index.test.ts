import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../detect.js';
import { loadSource } from '../load-source.js';
import { inferSchema } from './infer-schema.js';

const dir = join(import.meta.dirname, '../../../test/postman/collections');

async function load(name: string) {
  const file = join(dir, name);
  return loadSource(file, await readFile(file, 'utf8'), { readFile: (p) => readFile(p, 'utf8') });
}

describe('loadPostman', () => {
  it('detects v2.1 and v2.0 collections from their content', async () => {
    const v21 = await readFile(join(dir, 'routing.postman_collection.json'), 'utf8');
    expect(detectFormat('any.json', v21).family).toBe('postman');
    expect((await load('routing.postman_collection.json')).format).toBe('postman-2.1');
    expect((await load('legacy-v2.0.postman_collection.json')).format).toBe('postman-2.0');
  });

  it('turns :params into path parameters and replaces {{variables}} after splitting the URL', async () => {
    const { service } = await load('routing.postman_collection.json');
    expect(service?.operations.map((o) => o.id)).toEqual([
      'GET /accounts/me',
      'GET /accounts/{accountId}',
      'GET /accounts/{accountId}/orders/{orderId}',
      'GET /regions/eu/stores',
      'GET /things/%7B%7BthingId%7D%7D',
      'GET /reports/{year}/summary.csv',
    ]);
    const report = service?.operations.find((o) => o.id.startsWith('GET /reports'));
    expect(report?.parameters).toEqual([
      {
        name: 'year',
        in: 'path',
        required: true,
        description: 'Four digits',
        schema: { type: 'string' },
        examples: [{ name: 'default', value: '2024' }],
      },
    ]);
    // {{baseUrl}} = https://api.example.com/v2 is the host part: the origin is the server.
    expect(service?.servers.map((s) => s.url)).toEqual([
      'https://api.example.com',
      'https://shop.example.com',
    ]);
    expect(service?.operations[0]?.tags).toEqual(['Accounts']);
    expect(service?.operations[3]?.tags).toEqual(['Accounts / Nested']);
  });

  it('reads saved responses as responses with examples, and auth as security', async () => {
    const { service } = await load('auth-inherit.postman_collection.json');
    expect(service?.securitySchemes).toEqual({
      basicAuth: { type: 'http', scheme: 'basic' },
      bearerAuth: { type: 'http', scheme: 'bearer' },
    });
    expect(service?.operations.map((o) => [o.id, o.security])).toEqual([
      ['GET /profile', [{ basicAuth: [] }]],
      ['GET /health', []],
      ['GET /admin/users', [{ bearerAuth: [] }]],
      ['GET /admin/audit', [{ basicAuth: [] }]],
    ]);
    const users = service?.operations[2];
    expect(users?.responses.map((r) => [r.status, r.contents[0]?.examples[0]?.value])).toEqual([
      ['200', [{ user: 'ann' }]],
      ['401', { error: 'who are you' }],
    ]);
  });

  it('reads v2.0 auth objects and header text', async () => {
    const { service } = await load('legacy-v2.0.postman_collection.json');
    expect(service?.securitySchemes).toEqual({
      basicAuth: { type: 'http', scheme: 'basic' },
      apiKey: { type: 'apiKey', name: 'X-Key', in: 'header' },
    });
    expect(service?.operations[0]?.parameters.map((p) => `${p.in}:${p.name}`)).toEqual([
      'query:limit',
      'header:accept',
      'header:x-client',
    ]);
  });

  it('merges requests with the same method and path; the rest stay apart', async () => {
    const { service } = await load('merged.postman_collection.json');
    const byId = service?.operations.find((o) => o.path === '/orders/{id}');
    expect(byId?.parameters.map((p) => [p.name, p.required])).toEqual([
      ['id', true],
      ['expand', false],
      ['x-tenant', false],
    ]);
    expect(byId?.responses.map((r) => r.status)).toEqual(['200', '403']);
    // Prism tries equally good templates last-declared first: {orderId} comes first.
    expect(service?.operations.map((o) => o.path)).toEqual(['/orders/{orderId}', '/orders/{id}']);
  });

  it('reads bodies: raw JSON with a schema of its shape, text, urlencoded and form data', async () => {
    const { service } = await load('bodies.postman_collection.json');
    const contents = service?.operations.map((o) => o.requestBody?.contents[0]);
    expect(contents?.map((c) => c?.mediaType)).toEqual([
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'text/plain',
    ]);
    expect(contents?.[0]?.schema).toEqual({
      type: 'object',
      properties: { name: { type: 'string' }, age: { type: 'integer' } },
    });
    expect(contents?.[2]?.examples[0]?.value).toEqual({ user: 'ann', password: 'secret' });
  });

  it('reports a request without a URL at its JSON pointer and loads the rest', async () => {
    const source = await load('gaps.postman_collection.json');
    expect(source.service?.operations.map((o) => o.id)).toEqual([
      'DELETE /things/{id}',
      'GET /preview',
      'HEAD /things',
      'GET /things',
      'GET /nocode',
    ]);
    expect(source.diagnostics.map((d) => [d.code, d.severity, d.path, d.location?.line])).toEqual([
      ['GAUNTLET_W_POSTMAN_SKIPPED', 'warning', '/item/2/request/url', 32],
      ['GAUNTLET_W_POSTMAN_SKIPPED', 'warning', '/item/5/response/0/code', 91],
    ]);
  });

  it('refuses a v1 collection, naming the version and how to convert it', async () => {
    const source = await load('legacy-v1.postman_collection.json');
    expect(source.service).toBeUndefined();
    expect(source.diagnostics).toHaveLength(1);
    expect(source.diagnostics[0]?.code).toBe('GAUNTLET_E_POSTMAN_VERSION');
    expect(source.diagnostics[0]?.message).toMatch(
      /Postman Collection v1\.0\.0 \(the legacy format\)/,
    );
    expect(source.diagnostics[0]?.message).toMatch(/postman-collection-transformer convert/);
  });

  it('refuses a collection version it does not know', async () => {
    const text = JSON.stringify({
      info: { name: 'x', schema: 'https://schema.getpostman.com/json/collection/v3.0.0/' },
      item: [],
    });
    const source = await loadSource('x.json', text, { readFile: async () => '' });
    expect(source.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['GAUNTLET_E_POSTMAN_VERSION', '/info/schema'],
    ]);
  });
});

describe('inferSchema', () => {
  it('describes types and properties, requiring nothing', () => {
    expect(inferSchema({ id: 1, price: 1.5, tags: ['a'], ok: true, none: null })).toEqual({
      type: 'object',
      properties: {
        id: { type: 'integer' },
        price: { type: 'number' },
        tags: { type: 'array', items: { type: 'string' } },
        ok: { type: 'boolean' },
        none: { type: 'null' },
      },
    });
  });

  it('unites the properties of array items', () => {
    expect(inferSchema([{ id: 1 }, { id: 2, name: 'x' }, 3])).toEqual({
      type: 'array',
      items: {
        anyOf: [
          { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
          { type: 'integer' },
        ],
      },
    });
  });
});
