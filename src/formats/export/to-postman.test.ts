import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSource } from '../load-source.js';
import { type PostmanItem, toPostmanCollection } from './to-postman.js';

const root = join(import.meta.dirname, '../../..');

async function service(file: string) {
  const path = join(root, file);
  const source = await loadSource(path, await readFile(path, 'utf8'), {
    readFile: (p) => readFile(p, 'utf8'),
  });
  return source.service!;
}

describe('toPostmanCollection', () => {
  it('writes an OpenAPI operation as a request with :params, examples, auth and a test script', async () => {
    const { collection, skipped } = toPostmanCollection(
      await service('contracts/openapi/gateway.yaml'),
    );
    expect(skipped).toEqual([]);
    expect(collection.info.schema).toBe(
      'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    );
    expect(collection.variable.map((v) => v.key)).toEqual(['baseUrl', 'token']);
    const items = collection.item.flatMap((i) =>
      'item' in i && !('request' in i) ? i.item : [i as PostmanItem],
    );
    const stock = items.find((i) => i.request.url.raw.includes('/stock/'))!;
    expect(stock.request.url.path).toEqual(['api', 'inventory', 'stock', ':sku']);
    expect(stock.request.url.variable?.[0]?.key).toBe('sku');
    expect(stock.request.auth).toEqual({
      type: 'bearer',
      bearer: [{ key: 'token', value: '{{token}}' }],
    });
    expect(stock.response.map((r) => r.code)).toContain(200);
    const script = stock.event[0]!.script.exec.join('\n');
    expect(script).toMatch(/pm\.expect\(documented\)\.to\.include\(pm\.response\.code\)/);
    expect(script).toMatch(/pm\.response\.to\.have\.jsonSchema\(schema\)/);
    // Schemas are inlined for Postman's validator: no $ref into the contract is left.
    expect(script).not.toMatch(/#\/components\/schemas/);
  });

  it('writes pact interactions as requests with their saved response', async () => {
    const { collection } = toPostmanCollection(
      await service('contracts/pacts/orders-inventory.json'),
    );
    const first = collection.item[0] as PostmanItem;
    expect(first.request.url.raw.startsWith('{{baseUrl}}/')).toBe(true);
    expect(first.response).toHaveLength(1);
    expect(first.event[0]!.script.exec.join('\n')).toMatch(/const documented = \[\d{3}\];/);
  });
});
