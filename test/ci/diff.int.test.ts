import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffSpecs } from '../../src/adapters/oasdiff/diff-specs.js';

const cwd = process.cwd();
let dir: string;
let breakingHead: string;
let safeHead: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gauntlet-diff-test-'));
  const inventory = await readFile('contracts/openapi/inventory.yaml', 'utf8');
  // Breaking: the 201 reservation loses its required `id`, which orders reads.
  breakingHead = join(dir, 'inventory-breaking.yaml');
  await writeFile(
    breakingHead,
    inventory
      .replace('required: [id, sku, quantity, orderId]', 'required: [sku, quantity, orderId]')
      .replace('        id: { type: string }\n        sku:', '        sku:'),
  );
  // Non-breaking: an optional field added to Problem responses.
  safeHead = join(dir, 'inventory-safe.yaml');
  await writeFile(
    safeHead,
    inventory.replace(
      '        detail: { type: string }',
      '        detail: { type: string }\n        instance: { type: string }',
    ),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('diffSpecs with oasdiff', () => {
  it('catches a breaking change against a git base and names the consumer it breaks', async () => {
    const r = await diffSpecs('HEAD:contracts/openapi/inventory.yaml', breakingHead, {
      cwd,
      pacts: ['contracts/pacts'],
    });
    if (r.kind !== 'report') throw new Error(r.reason);
    expect(r.report.passed).toBe(false);
    const errors = r.report.changes.filter((c) => c.severity === 'error');
    expect(errors.map((c) => [c.id, c.method, c.path, c.impact?.verdict])).toEqual([
      ['response-required-property-removed', 'POST', '/reservations', 'breaks'],
    ]);
    expect(errors[0]?.impact?.consumers).toEqual([
      { consumer: 'orders', interactions: ['a request to reserve 2 units of abc'] },
    ]);
    expect(errors[0]?.source).toMatch(/^HEAD:contracts\/openapi\/inventory\.yaml:\d+$/);
  });

  it('passes a non-breaking change, listing it as info', async () => {
    const r = await diffSpecs('contracts/openapi/inventory.yaml', safeHead, {
      cwd,
      pacts: ['contracts/pacts'],
    });
    if (r.kind !== 'report') throw new Error(r.reason);
    expect(r.report.passed).toBe(true);
    expect(r.report.counts.breaking).toBe(0);
    expect(r.report.changes.filter((c) => c.id === 'response-optional-property-added').length).toBe(
      4,
    );
  });

  it('converts RAML on both sides (the git side reads its includes from git too)', async () => {
    const r = await diffSpecs('HEAD:contracts/raml/payments.raml', 'contracts/raml/payments.raml', {
      cwd,
    });
    if (r.kind !== 'report') throw new Error(r.reason);
    expect(r.report.provider).toBe('payments');
    expect(r.report.counts.breaking).toBe(0);
  });

  it('skips with a reason when the base ref does not exist', async () => {
    const r = await diffSpecs('no-such-branch-xyz:contracts/openapi/inventory.yaml', breakingHead, {
      cwd,
    });
    expect(r.kind).toBe('skipped');
    expect(r.kind === 'skipped' && r.reason).toMatch(
      /^no-such-branch-xyz:contracts\/openapi\/inventory\.yaml is not in git: /,
    );
  });
});
