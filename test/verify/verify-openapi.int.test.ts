// OpenAPI/RAML conformance of the example system's running providers, and of a deliberately
// broken inventory that the checks must catch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start as startInventory } from '../../examples/shop/inventory/src/server.js';
import { start as startPayments } from '../../examples/shop/payments/src/server.js';
import { checkBaseUrl, verifyOpenApi } from '../../src/adapters/conformance/verify-openapi.js';
import type { ConformanceReport } from '../../src/verify/conformance/types.js';
import { type BrokenInventory, startBrokenInventory } from './fixtures/broken-inventory.js';

/** `operationId source check` for every failed check, sorted and counted. */
function failedChecks(report: ConformanceReport): Record<string, number> {
  const out: Record<string, number> = {};
  for (const failure of report.failures) {
    for (const f of failure.failures) {
      const key = `${failure.operationId} ${failure.source} ${f.check}`;
      out[key] = (out[key] ?? 0) + 1;
    }
  }
  return out;
}

describe('verifyOpenApi on the example providers', () => {
  let inventory: Awaited<ReturnType<typeof startInventory>>;
  let payments: Awaited<ReturnType<typeof startPayments>>;
  beforeAll(async () => {
    inventory = await startInventory({ port: 0, host: '127.0.0.1' });
    payments = await startPayments({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await inventory.close();
    await payments.close();
  });

  it('finds inventory conformant to contracts/openapi/inventory.yaml', async () => {
    let progress = 0;
    const report = await verifyOpenApi({
      spec: 'contracts/openapi/inventory.yaml',
      baseUrl: inventory.url,
      cases: 5,
      seed: 1,
      onCase: () => progress++,
    });
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.operations.map((o) => [o.operationId, o.failed])).toEqual([
      ['getHealth', 0],
      ['getStock', 0],
      ['createReservation', 0],
      ['releaseReservation', 0],
    ]);
    // Every operation got its example case and its 5 generated ones; invalid data was tried.
    expect(report.operations.every((o) => o.cases >= 6)).toBe(true);
    expect(report.counts.negative_data_rejection.passed).toBeGreaterThan(5);
    expect(progress).toBe(report.operations.reduce((n, o) => n + o.cases, 0));
  });

  it('checks payments against contracts/raml/payments.raml through the same path', async () => {
    const report = await verifyOpenApi({
      spec: 'contracts/raml/payments.raml',
      baseUrl: payments.url,
      cases: 5,
      seed: 1,
    });
    expect(report.operations.map((o) => o.operationId)).toEqual([
      'GET /health',
      'POST /charges',
      'GET /charges/{id}',
      'POST /refunds',
    ]);
    expect(report.counts.response_headers_conformance).toEqual({ passed: 6, failed: 0 });
    // Payments once accepted undeclared fields although its RAML types are closed; this
    // verifier caught it (negative_data_rejection on POST /charges and /refunds).
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(true);
  }, 60_000);
});

describe('verifyOpenApi on a broken inventory', () => {
  let broken: BrokenInventory;
  beforeAll(async () => {
    broken = await startBrokenInventory();
  });
  afterAll(async () => {
    await broken.close();
  });

  it('names the check each breakage fails, with a curl line to reproduce it', async () => {
    const report = await verifyOpenApi({
      spec: 'contracts/openapi/inventory.yaml',
      baseUrl: broken.url,
      cases: 5,
      seed: 1,
      headers: { Authorization: 'Bearer t' },
    });
    expect(report.passed).toBe(false);
    expect(failedChecks(report)).toEqual({
      // `available` as a string.
      'getStock example response_schema_conformance': 1,
      'getStock generated response_schema_conformance': 5,
      'getStock negative response_schema_conformance': 1,
      // Any SKU is "found", so an invalid one is not rejected.
      'getStock negative negative_data_rejection': 1,
      // `quantity` as a string, and no validation at all.
      'createReservation example response_schema_conformance': 1,
      'createReservation generated response_schema_conformance': 5,
      'createReservation negative response_schema_conformance': 10,
      'createReservation negative negative_data_rejection': 10,
      // 500 on release.
      'releaseReservation example not_a_server_error': 1,
      'releaseReservation example status_code_conformance': 1,
      'releaseReservation generated not_a_server_error': 5,
      'releaseReservation generated status_code_conformance': 5,
    });
    const stock = report.failures.find(
      (f) => f.operationId === 'getStock' && f.source === 'example',
    );
    expect(stock?.failures).toEqual([
      {
        check: 'response_schema_conformance',
        message: 'The 200 body does not match its schema: /available must be integer.',
      },
    ]);
    expect(stock?.curl).toMatch(
      /^curl -X GET 'http:\/\/127\.0\.0\.1:\d+\/stock\/[a-z0-9-]+' -H 'authorization: Bearer t'$/,
    );
    expect(new Set(broken.authorizations)).toEqual(new Set(['Bearer t']));
  });

  it('only runs the checks asked for', async () => {
    const report = await verifyOpenApi({
      spec: 'contracts/openapi/inventory.yaml',
      baseUrl: broken.url,
      cases: 1,
      seed: 1,
      checks: ['not_a_server_error'],
    });
    expect(Object.keys(failedChecks(report))).toEqual([
      'releaseReservation example not_a_server_error',
      'releaseReservation generated not_a_server_error',
    ]);
  });
});

describe('checkBaseUrl', () => {
  it('refuses a remote provider unless allowed', () => {
    expect(() => checkBaseUrl('http://example.com', false)).toThrow(
      expect.objectContaining({ code: 'GAUNTLET_E_VERIFY_REMOTE' }),
    );
    expect(checkBaseUrl('http://example.com', true).hostname).toBe('example.com');
    expect(checkBaseUrl('http://localhost:1', false).port).toBe('1');
    expect(() => checkBaseUrl('ftp://127.0.0.1', false)).toThrow(
      expect.objectContaining({ code: 'GAUNTLET_E_USAGE' }),
    );
  });
});
