import { describe, expect, it } from 'vitest';
import { loadSource } from '../../formats/load-source.js';
import { createSchemaCompiler } from '../../matching/json-schema.js';
import type { Service } from '../../model/index.js';
import { runChecks } from './checks.js';
import { type CaseSource, CONFORMANCE_CHECKS, type ConformanceResponse } from './types.js';

const SPEC = `
openapi: 3.0.3
info: { title: stock, version: '1' }
paths:
  /stock/{sku}:
    get:
      operationId: getStock
      parameters: [{ name: sku, in: path, required: true, schema: { type: string } }]
      responses:
        '200':
          description: ok
          headers:
            X-Rate: { required: true, schema: { type: integer } }
          content:
            application/json:
              schema:
                type: object
                required: [available]
                properties: { available: { type: integer } }
        '404':
          description: unknown
          content: { application/problem+json: { schema: { type: object } } }
`;

async function service(): Promise<Service> {
  const loaded = await loadSource('stock.yaml', SPEC, { readFile: async () => '' });
  if (!loaded.service) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.service;
}

async function check(response: ConformanceResponse, source: CaseSource = 'generated') {
  const s = await service();
  const operation = s.operations[0];
  if (!operation) throw new Error('no operation');
  const testCase = {
    operationId: operation.id,
    method: operation.method,
    pathTemplate: operation.path,
    phase: 'generated' as const,
    source,
    label: source,
    request: { method: operation.method, path: '/stock/abc', query: [], headers: {} },
  };
  return runChecks({
    service: s,
    compiler: createSchemaCompiler(s.schemas),
    operation,
    testCase,
    response,
    enabled: new Set(CONFORMANCE_CHECKS),
  });
}

const json = { 'content-type': 'application/json', 'x-rate': '5' };

describe('runChecks', () => {
  it('passes a documented, well-formed answer', async () => {
    const result = await check({ status: 200, headers: json, body: '{"available":3}' });
    expect(result).toEqual({
      failures: [],
      applied: [
        'not_a_server_error',
        'status_code_conformance',
        'content_type_conformance',
        'response_headers_conformance',
        'response_schema_conformance',
        'positive_data_acceptance',
      ],
    });
  });

  it('names the schema violation, the missing header and the wrong content type', async () => {
    const schema = await check({ status: 200, headers: json, body: '{"available":"3"}' });
    expect(schema.failures).toEqual([
      {
        check: 'response_schema_conformance',
        message: 'The 200 body does not match its schema: /available must be integer.',
      },
    ]);
    const header = await check({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"available":3}',
    });
    expect(header.failures.map((f) => f.check)).toEqual(['response_headers_conformance']);
    const type = await check({
      status: 200,
      headers: { ...json, 'content-type': 'text/html' },
      body: '<p>',
    });
    expect(type.failures.map((f) => f.check)).toEqual(['content_type_conformance']);
  });

  it('flags server errors and undocumented statuses', async () => {
    const result = await check({ status: 500, headers: {}, body: '' });
    expect(result.failures.map((f) => f.check)).toEqual([
      'not_a_server_error',
      'status_code_conformance',
    ]);
  });

  it('requires a 4xx for a negative case', async () => {
    const accepted = await check(
      { status: 200, headers: json, body: '{"available":3}' },
      'negative',
    );
    expect(accepted.failures.map((f) => f.check)).toEqual(['negative_data_rejection']);
    const rejected = await check(
      { status: 404, headers: { 'content-type': 'application/problem+json' }, body: '{}' },
      'negative',
    );
    expect(rejected.failures).toEqual([]);
  });

  it('accepts a documented state-dependent 4xx for a valid case, but not an undocumented one', async () => {
    const documented = await check(
      { status: 404, headers: { 'content-type': 'application/problem+json' }, body: '{}' },
      'example',
    );
    expect(documented.failures).toEqual([]);
    const undocumented = await check({ status: 400, headers: {}, body: '' }, 'generated');
    expect(undocumented.failures.map((f) => f.check)).toEqual([
      'status_code_conformance',
      'positive_data_acceptance',
    ]);
  });
});
