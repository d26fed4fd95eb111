import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { start } from '../src/server.js';

// The provider's own spec: every answer below is checked against the schema it declares.
const spec = parse(
  readFileSync(new URL('../../../../contracts/openapi/inventory.yaml', import.meta.url), 'utf8'),
) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
const ajv = new Ajv2020({ strict: false });
ajv.addSchema(spec, 'inventory');
const schema = (name: string) => ajv.getSchema(`inventory#/components/schemas/${name}`)!;

function declared(path: string, method: string): string[] {
  return Object.keys(spec.paths[path]?.[method]?.responses ?? {});
}

/** Every (operation, status) the server answered in this file; the last test checks them all. */
const seen = new Set<string>();
async function call(template: string, path: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(`${inventory.url}${path}`, init);
  seen.add(`${(init.method ?? 'GET').toLowerCase()} ${template} ${res.status}`);
  return res;
}

let inventory: Awaited<ReturnType<typeof start>>;
beforeAll(async () => {
  inventory = await start({ port: 0 });
});
afterAll(() => inventory.close());
beforeEach(() => inventory.store.seed({ abc: 3, def: 10, 'sold-out': 0 }));

async function reserve(body: unknown) {
  return call('/reservations', '/reservations', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('inventory conforms to contracts/openapi/inventory.yaml', () => {
  it('GET /health answers ok', async () => {
    const res = await call('/health', '/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('starts with the seed stock abc=3, def=10, sold-out=0', async () => {
    const fresh = await start({ port: 0 });
    try {
      const levels = await Promise.all(
        ['abc', 'def', 'sold-out'].map(async (sku) =>
          (await fetch(`${fresh.url}/stock/${sku}`)).json(),
        ),
      );
      expect(levels).toEqual([
        { sku: 'abc', available: 3 },
        { sku: 'def', available: 10 },
        { sku: 'sold-out', available: 0 },
      ]);
    } finally {
      await fresh.close();
    }
  });

  it('GET /stock/{sku} returns a Stock', async () => {
    const res = await call('/stock/{sku}', '/stock/abc');
    const body: unknown = await res.json();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(body).toEqual({ sku: 'abc', available: 3 });
    expect(schema('Stock')(body)).toBe(true);
  });

  it('GET /stock/{sku} for an unknown SKU is a 404 problem', async () => {
    const res = await call('/stock/{sku}', '/stock/nope');
    const body: unknown = await res.json();
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(schema('Problem')(body)).toBe(true);
  });

  it('POST /reservations reserves and lowers the stock', async () => {
    const res = await reserve({ sku: 'abc', quantity: 2, orderId: 'o-1' });
    const body: unknown = await res.json();
    expect(res.status).toBe(201);
    expect(body).toEqual({ id: 'r-1', sku: 'abc', quantity: 2, orderId: 'o-1' });
    expect(schema('Reservation')(body)).toBe(true);
    expect(await (await call('/stock/{sku}', '/stock/abc')).json()).toEqual({
      sku: 'abc',
      available: 1,
    });
  });

  it('POST /reservations beyond the stock is a 409 problem and reserves nothing', async () => {
    const res = await reserve({ sku: 'sold-out', quantity: 1, orderId: 'o-1' });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toEqual({
      type: 'https://shop.example/problems/insufficient-stock',
      title: 'Not enough stock',
      status: 409,
      detail: "Requested 1 of 'sold-out', 0 available.",
    });
  });

  it.each([
    ['an extra property', { sku: 'abc', quantity: 1, orderId: 'o-1', price: 3 }],
    ['quantity 0', { sku: 'abc', quantity: 0, orderId: 'o-1' }],
    ['quantity 101', { sku: 'abc', quantity: 101, orderId: 'o-1' }],
    ['a SKU breaking the pattern', { sku: 'ABC', quantity: 1, orderId: 'o-1' }],
    ['an empty orderId', { sku: 'abc', quantity: 1, orderId: '' }],
    ['an unknown SKU', { sku: 'zzz', quantity: 1, orderId: 'o-1' }],
  ])('POST /reservations with %s is a 422 problem', async (_name, body) => {
    const res = await reserve(body);
    expect(res.status).toBe(422);
    expect(schema('Problem')(await res.json())).toBe(true);
  });

  it('the ReservationRequest schema agrees with the server on what is invalid', () => {
    const validate = schema('ReservationRequest');
    expect(validate({ sku: 'abc', quantity: 1, orderId: 'o-1', price: 3 })).toBe(false);
    expect(validate({ sku: 'abc', quantity: 101, orderId: 'o-1' })).toBe(false);
    expect(validate({ sku: 'abc', quantity: 1, orderId: 'o-1' })).toBe(true);
  });

  it('DELETE /reservations/{id} releases the units; a second release is 404', async () => {
    await reserve({ sku: 'abc', quantity: 3, orderId: 'o-1' });
    const first = await call('/reservations/{id}', '/reservations/r-1', { method: 'DELETE' });
    expect(first.status).toBe(204);
    expect(await first.text()).toBe('');
    expect(await (await call('/stock/{sku}', '/stock/abc')).json()).toEqual({
      sku: 'abc',
      available: 3,
    });
    const second = await call('/reservations/{id}', '/reservations/r-1', { method: 'DELETE' });
    expect(second.status).toBe(404);
    expect(schema('Problem')(await second.json())).toBe(true);
  });

  it('answered only with statuses the spec declares, covering every declared one', () => {
    const undeclared = [...seen].filter((entry) => {
      const [method = '', template = '', status = ''] = entry.split(' ');
      return !declared(template, method).includes(status);
    });
    expect(undeclared).toEqual([]);
    const declaredAll = Object.entries(spec.paths).flatMap(([template, ops]) =>
      Object.entries(ops)
        .filter(([method]) => ['get', 'post', 'delete'].includes(method))
        .flatMap(([method, op]) =>
          Object.keys(op.responses).map((status) => `${method} ${template} ${status}`),
        ),
    );
    expect([...seen].sort()).toEqual(declaredAll.sort());
  });
});
