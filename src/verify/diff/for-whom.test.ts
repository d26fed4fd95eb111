import { describe, expect, it } from 'vitest';
import { loadPaths } from '../../adapters/fs/load-paths.js';
import { classifyChanges, type OasdiffChange, parseOasdiffJson } from './changes.js';
import { buildDiffReport, formatDiffMarkdown, formatDiffText } from './diff-report.js';
import { type ConsumerPact, crossCheck } from './for-whom.js';

async function pacts(): Promise<ConsumerPact[]> {
  const sources = await loadPaths(['contracts/pacts'], { cwd: process.cwd() });
  return sources.flatMap((s) =>
    s.service?.pact
      ? [
          {
            consumer: s.service.pact.consumer,
            provider: s.service.pact.provider,
            interactions: s.service.interactions,
          },
        ]
      : [],
  );
}

// What oasdiff 1.x printed for real edits of contracts/openapi/inventory.yaml.
const removedAvailable: OasdiffChange = {
  id: 'response-required-property-removed',
  text: 'removed the required property `available` from the response with the `200` status',
  level: 3,
  operation: 'GET',
  operationId: 'getStock',
  path: '/stock/{sku}',
  fingerprint: 'a',
};
const removedReservationId: OasdiffChange = {
  id: 'response-required-property-removed',
  text: 'removed the required property `id` from the response with the `201` status',
  level: 3,
  operation: 'POST',
  path: '/reservations',
  fingerprint: 'b',
};
const removedHealth: OasdiffChange = {
  id: 'api-path-removed-without-deprecation',
  text: 'API path removed without deprecation',
  level: 3,
  operation: 'GET',
  path: '/health',
  fingerprint: 'c',
};
const newRequiredPriority: OasdiffChange = {
  id: 'new-required-request-property',
  text: 'added the new required request property `priority`',
  level: 3,
  operation: 'POST',
  path: '/reservations',
  fingerprint: 'd',
};
const newRequiredQuery: OasdiffChange = {
  id: 'new-required-request-default-parameter-to-existing-path',
  text: "added the new required `query` request parameter `reason` to all path's operations",
  level: 3,
  operation: 'DELETE',
  path: '/reservations/{id}',
  fingerprint: 'e',
};
const addedOptional: OasdiffChange = {
  id: 'response-optional-property-added',
  text: 'added the optional property `instance` to the response with the `409` status',
  level: 1,
  operation: 'POST',
  path: '/reservations',
  fingerprint: 'f',
};

describe('parseOasdiffJson / classifyChanges', () => {
  it('reads oasdiff JSON, merges breaking and changelog once each, errors first', () => {
    expect(parseOasdiffJson('null')).toEqual([]);
    expect(parseOasdiffJson('[]\n')).toEqual([]);
    const changes = classifyChanges(parseOasdiffJson(JSON.stringify([removedAvailable])), [
      addedOptional,
      removedAvailable,
    ]);
    expect(changes.map((c) => [c.severity, c.method, c.path, c.id])).toEqual([
      ['error', 'GET', '/stock/{sku}', 'response-required-property-removed'],
      ['info', 'POST', '/reservations', 'response-optional-property-added'],
    ]);
  });
});

describe('crossCheck: breaking for whom', () => {
  it('names the consumer that reads a removed field, and the interactions', async () => {
    const [change] = crossCheck(
      classifyChanges([removedReservationId], []),
      'inventory',
      await pacts(),
    );
    expect(change?.impact).toEqual({
      verdict: 'breaks',
      reason: 'orders relies on field `id` of 201 responses of POST /reservations',
      consumers: [{ consumer: 'orders', interactions: ['a request to reserve 2 units of abc'] }],
    });
    // No consumer pact calls GET /stock/{sku}: removing `available` there breaks no current consumer.
    const [unused] = crossCheck(
      classifyChanges([removedAvailable], []),
      'inventory',
      await pacts(),
    );
    expect(unused?.impact).toEqual({
      verdict: 'safe',
      reason: 'no consumer pact calls GET /stock/{sku}',
      consumers: [],
    });
  });

  it('reports a path no consumer calls, and a new required field every consumer already sends', async () => {
    const checked = crossCheck(
      classifyChanges([removedHealth, newRequiredPriority, newRequiredQuery], []),
      'inventory',
      await pacts(),
    );
    const byId = Object.fromEntries(checked.map((c) => [c.id, c.impact]));
    expect(byId['api-path-removed-without-deprecation']).toEqual({
      verdict: 'safe',
      reason: 'no consumer pact calls GET /health',
      consumers: [],
    });
    // orders does not send `priority`: a new required request field breaks it.
    expect(byId['new-required-request-property']?.verdict).toBe('breaks');
    // orders' DELETE interactions send no `reason` query parameter: breaks too.
    expect(byId['new-required-request-default-parameter-to-existing-path']?.verdict).toBe('breaks');
  });

  it('says "unknown" when the provider has no consumer pacts at all', () => {
    const [change] = crossCheck(classifyChanges([removedAvailable], []), 'inventory', []);
    expect(change?.impact?.verdict).toBe('unknown');
  });

  it('reports a removed field no consumer reads as safe for current consumers', async () => {
    const all = await pacts();
    // Same change, but the consumer's pact no longer expects `id` in the 201 body.
    const trimmed = all.map((p) => ({
      ...p,
      interactions: p.interactions.map((i) =>
        i.response.status === 201 && typeof i.response.body?.content === 'object'
          ? {
              ...i,
              response: {
                ...i.response,
                body: { ...i.response.body, content: { sku: 'abc', quantity: 2, orderId: 'o-1' } },
              },
            }
          : i,
      ),
    }));
    const [change] = crossCheck(classifyChanges([removedReservationId], []), 'inventory', trimmed);
    expect(change?.impact?.verdict).toBe('safe');
    expect(change?.impact?.reason).toMatch(
      /^safe for current consumers: none of the \d+ consumer interaction\(s\) on POST \/reservations relies on field `id` of 201 responses$/,
    );
    const report = buildDiffReport({
      base: 'a',
      head: 'b',
      provider: 'inventory',
      changes: [change!],
      failOn: 'consumers',
    });
    expect(report.passed).toBe(true);
    expect(buildDiffReport({ ...report, failOn: 'breaking' }).passed).toBe(false);
  });
});

describe('diff report rendering', () => {
  it('renders text and markdown with the verdict and who breaks', async () => {
    const changes = crossCheck(
      classifyChanges([removedReservationId], [addedOptional]),
      'inventory',
      await pacts(),
    );
    const report = buildDiffReport({
      base: 'main:inv.yaml',
      head: 'inv.yaml',
      provider: 'inventory',
      changes,
      failOn: 'breaking',
    });
    expect(report.counts).toEqual({ breaking: 1, warnings: 0, info: 1, breakingForConsumers: 1 });
    const text = formatDiffText(report);
    expect(text.split('\n').slice(0, 3)).toEqual([
      'diff main:inv.yaml → inv.yaml (inventory)',
      '  BREAKING  POST /reservations  removed the required property `id` from the response with the `201` status  [response-required-property-removed]',
      '      breaks consumers: orders relies on field `id` of 201 responses of POST /reservations',
    ]);
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      'FAILED: 1 breaking (1 breaking current consumers), 0 warning(s), 1 other change(s)',
    );
    const md = formatDiffMarkdown(report);
    expect(md.split('\n').slice(0, 6)).toEqual([
      '### ❌ API diff: `inventory`',
      '',
      '`main:inv.yaml` → `inv.yaml`: **1 breaking** (1 breaking current consumers), 0 warning(s), 1 other change(s).',
      '',
      '| level | operation | change | for whom |',
      '|---|---|---|---|',
    ]);
  });
});
