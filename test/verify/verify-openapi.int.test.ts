// OpenAPI/RAML conformance of the example system's running providers, and of the planted-bug
// inventory (one bug per class of issue 15's table) that the checks must catch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start as startInventory } from '../../examples/shop/inventory/src/server.js';
import { start as startPayments } from '../../examples/shop/payments/src/server.js';
import { checkBaseUrl, verifyOpenApi } from '../../src/adapters/conformance/verify-openapi.js';
import { CONFORMANCE_PHASES } from '../../src/verify/conformance/types.js';
import {
  PLANTED_BUGS,
  type PlantedBug,
  startBrokenInventory,
} from './fixtures/broken-inventory.js';
import { BUG_CLASSES, classesNamed } from './fixtures/bug-classes.js';

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
    // Every operation got its example case, and those with inputs many more (identical requests
    // are sent once, so GET /health gets one); invalid data was tried; undeclared methods got
    // 405; a reservation was created and released through the inferred link.
    expect(report.operations.map((o) => [o.operationId, o.cases >= 5])).toEqual([
      ['getHealth', false],
      ['getStock', true],
      ['createReservation', true],
      ['releaseReservation', true],
    ]);
    expect(report.counts.negative_data_rejection.passed).toBeGreaterThan(5);
    expect(report.counts.unsupported_method).toEqual({ passed: 16, failed: 0 });
    expect(report.counts.ensure_resource_availability.passed).toBeGreaterThan(0);
    expect(report.counts.use_after_free.passed).toBeGreaterThan(0);
    expect(progress).toBe(Object.values(report.phases).reduce((n, p) => n + p.requests, 0));
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
    // Every response that carries a documented header (the Location of a created charge) is
    // checked, and passes.
    expect(report.counts.response_headers_conformance).toEqual({ passed: 5, failed: 0 });
    // Payments once accepted undeclared fields although its RAML types are closed; this
    // verifier caught it (negative_data_rejection on POST /charges and /refunds).
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(true);
  }, 60_000);
});

describe('verifyOpenApi on the planted-bug inventory (issue 15)', () => {
  const spec = 'contracts/openapi/inventory.yaml';

  it('passes the inventory with no bug switched on, through every phase', async () => {
    const provider = await startBrokenInventory({ bugs: [] });
    try {
      const report = await verifyOpenApi({ spec, baseUrl: provider.url, seed: 1 });
      expect(report.failures).toEqual([]);
      expect(Object.keys(report.phases)).toEqual([...CONFORMANCE_PHASES]);
      for (const phase of CONFORMANCE_PHASES) {
        expect(report.phases[phase]?.requests ?? 0).toBeGreaterThan(0);
      }
      const sent = Object.values(report.phases).reduce((n, p) => n + p.requests, 0);
      expect(sent).toBe(provider.requests());
      expect(report.stateful.links).toEqual([
        'createReservation 201 → releaseReservation (inferred: id → {id})',
      ]);
    } finally {
      await provider.close();
    }
  });

  it.each(Object.entries(BUG_CLASSES))(
    'finds %s with its defaults, and names its class',
    async (bug, bugClass) => {
      const provider = await startBrokenInventory({ bugs: [bug as PlantedBug] });
      try {
        const report = await verifyOpenApi({ spec, baseUrl: provider.url });
        expect(report.passed).toBe(false);
        expect(classesNamed(report)).toEqual(new Set([bug]));
        expect(provider.triggered.get(bug as PlantedBug) ?? 0).toBeGreaterThan(0);
        const named = report.failures.find((f) =>
          f.failures.some((c) => c.check === bugClass.check),
        );
        expect(named?.curl).toMatch(/^curl -X [A-Z]+ 'http:\/\/127\.0\.0\.1:\d+\//);
      } finally {
        await provider.close();
      }
    },
  );

  it('shows the whole sequence as curl lines when a stateful step fails', async () => {
    const provider = await startBrokenInventory({ bugs: ['sequence'] });
    try {
      const report = await verifyOpenApi({ spec, baseUrl: provider.url, phases: ['stateful'] });
      const failure = report.failures[0];
      expect(failure?.label).toBe(
        'createReservation → releaseReservation: step 2 (createReservation 201 → releaseReservation (inferred: id → {id}))',
      );
      expect(failure?.sequence?.map((line) => line.replace(/:\d+\//, ':PORT/'))).toEqual([
        `curl -X POST 'http://127.0.0.1:PORT/reservations' -H 'content-type: application/json' --data-raw '{"sku":"abc","quantity":2,"orderId":"o-1"}'`,
        `curl -X DELETE 'http://127.0.0.1:PORT/reservations/r-1'`,
      ]);
      expect(failure?.failures.map((c) => c.check)).toEqual([
        'not_a_server_error',
        'status_code_conformance',
      ]);
      // Only the stateful phase ran: a create, then a release, per sequence.
      expect(Object.keys(report.phases)).toEqual(['stateful']);
    } finally {
      await provider.close();
    }
  });

  it('narrows to the checks, phases and cases asked for, and sends the headers given', async () => {
    const provider = await startBrokenInventory({ bugs: PLANTED_BUGS });
    try {
      const report = await verifyOpenApi({
        spec,
        baseUrl: provider.url,
        cases: 0,
        seed: 1,
        checks: ['not_a_server_error'],
        phases: ['coverage', 'generated'],
        headers: { Authorization: 'Bearer t' },
      });
      expect(Object.keys(report.phases)).toEqual(['coverage', 'generated']);
      expect(report.phases.generated?.requests).toBe(0);
      expect(new Set(report.failures.flatMap((f) => f.failures.map((c) => c.check)))).toEqual(
        new Set(['not_a_server_error']),
      );
      expect(classesNamed(report)).toEqual(new Set(['server-error']));
      expect(new Set(provider.authorizations)).toEqual(new Set(['Bearer t']));
    } finally {
      await provider.close();
    }
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
