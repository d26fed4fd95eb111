import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CompatPact, type CompatSpec, checkCompat } from './check-compat.js';
import { comparableDocument } from './comparable-document.js';

const root = process.cwd();
const read = (p: string) => readFile(resolve(root, p), 'utf8');

async function spec(file: string): Promise<CompatSpec> {
  const doc = await comparableDocument(file, await read(file), read);
  if (doc.kind !== 'spec') throw new Error(`${file} is not a spec: ${doc.kind}`);
  return doc.spec;
}

async function pactJson(file: string): Promise<Record<string, unknown>> {
  return JSON.parse(await read(file)) as Record<string, unknown>;
}

interface MutablePact {
  interactions: Array<{
    description: string;
    request: { method: string; path: string };
    response: { status: number; body?: { content: Record<string, unknown> } };
  }>;
}

describe('checkCompat on the example system', () => {
  it('finds every consumer pact compatible with its provider spec (OpenAPI 3.0, 3.1 and RAML)', async () => {
    const specs = await Promise.all([
      spec('contracts/openapi/inventory.yaml'),
      spec('contracts/openapi/orders.yaml'),
      spec('contracts/raml/payments.raml'),
    ]);
    const files = [
      'contracts/pacts/orders-inventory.json',
      'contracts/pacts/orders-payments.json',
      'contracts/pacts/gateway-orders.json',
      'contracts/pacts/notifications-orders.json',
    ];
    const pacts: CompatPact[] = await Promise.all(
      files.map(async (file) => ({ file, document: await pactJson(file) })),
    );
    const report = await checkCompat(specs, pacts);
    expect(report.passed).toBe(true);
    expect(
      report.pairs.map((p) => [
        p.consumer,
        p.provider,
        p.specFile,
        p.findings.filter((f) => f.severity === 'error'),
      ]),
    ).toEqual([
      ['orders', 'inventory', 'contracts/openapi/inventory.yaml', []],
      ['orders', 'payments', 'contracts/raml/payments.raml', []],
      ['gateway', 'orders', 'contracts/openapi/orders.yaml', []],
      ['notifications', 'orders', 'contracts/openapi/orders.yaml', []],
    ]);
    // The message pact has nothing an OpenAPI document can check: said, not hidden.
    expect(report.pairs[3]?.interactions).toBe(0);
    expect(report.pairs[3]?.messagesSkipped).toBeGreaterThan(0);
  });
});

describe('checkCompat catches pacts the spec does not allow', () => {
  it('reports an unknown path, an undocumented status and an undocumented response field with the comparator codes', async () => {
    const inventory = await spec('contracts/openapi/inventory.yaml');
    const doc = (await pactJson('contracts/pacts/orders-inventory.json')) as unknown as MutablePact;
    const release = doc.interactions.findIndex((i) => i.request.method === 'DELETE');
    const reserve = doc.interactions.findIndex((i) => i.response.status === 201);
    const soldOut = doc.interactions.findIndex((i) => i.response.status === 409);
    doc.interactions[release]!.request.path = '/reservationz/r-1';
    doc.interactions[reserve]!.response.body!.content.expiresAt = '2030-01-01T00:00:00Z';
    doc.interactions[soldOut]!.response.status = 418;
    const report = await checkCompat([inventory], [{ file: 'broken.json', document: doc }]);
    expect(report.passed).toBe(false);
    const errors = report.pairs[0]!.findings.filter((f) => f.severity === 'error').map((f) => [
      f.interaction,
      f.code,
      f.path,
    ]);
    expect(errors).toEqual(
      [
        [release, 'request.path-or-method.unknown', `[root].interactions[${release}].request.path`],
        [soldOut, 'response.status.unknown', `[root].interactions[${soldOut}].response.status`],
        [reserve, 'response.body.incompatible', `[root].interactions[${reserve}].response.body`],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    const bodyFinding = report.pairs[0]!.findings.find(
      (f) => f.code === 'response.body.incompatible',
    );
    expect(bodyFinding?.message).toMatch(/must NOT have additional properties - expiresAt/);
  });

  it('reports a pact whose provider has no spec, without failing on it', async () => {
    const inventory = await spec('contracts/openapi/inventory.yaml');
    const report = await checkCompat(
      [inventory],
      [
        {
          file: 'x.json',
          document: { consumer: { name: 'a' }, provider: { name: 'ghost' }, interactions: [] },
        },
      ],
    );
    expect(report.unpaired).toEqual([
      {
        pactFile: 'x.json',
        consumer: 'a',
        provider: 'ghost',
        reason: 'no spec named "ghost" among inventory',
      },
    ]);
    expect(report.passed).toBe(true);
  });
});

describe('checkCompat progress', () => {
  it('reports progress once per interaction across many interactions', async () => {
    const inventory = await spec('contracts/openapi/inventory.yaml');
    const doc = (await pactJson('contracts/pacts/orders-inventory.json')) as unknown as MutablePact;
    const many = Array.from({ length: 400 }, (_, i) => ({
      ...doc.interactions[i % doc.interactions.length]!,
      description: `copy ${i}`,
    }));
    const seen: Array<[number, number]> = [];
    const started = performance.now();
    const report = await checkCompat(
      [inventory],
      [{ file: 'many.json', document: { ...doc, interactions: many } }],
      { onProgress: (done, total) => seen.push([done, total]) },
    );
    const ms = performance.now() - started;
    expect(report.passed).toBe(true);
    expect(seen.length).toBe(400);
    expect(seen[0]).toEqual([1, 400]);
    expect(seen[399]).toEqual([400, 400]);
    // Schemas are compiled once per spec: 400 interactions stay well under a few seconds.
    expect(ms).toBeLessThan(10_000);
  });
});
