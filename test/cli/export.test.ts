import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPaths } from '../../src/adapters/fs/load-paths.js';
import type { Service } from '../../src/model/index.js';
import { repoRoot, runCli } from './run-cli.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gauntlet-export-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function loadOne(file: string): Promise<Service> {
  const [source] = await loadPaths([file], { cwd: repoRoot });
  if (!source?.service) throw new Error(`${file} did not load: ${JSON.stringify(source)}`);
  return source.service;
}

/** The model of a pact's HTTP interactions, without where each was read from. */
function interactionsOf(service: Service): unknown[] {
  return service.interactions.map(
    ({ source: _, request: { rawQuery: __, ...request }, ...rest }) => ({
      ...rest,
      request,
    }),
  );
}

describe('gauntlet export', () => {
  it('writes an OpenAPI contract as a Hoverfly simulation that loads back with the pairs it reported', async () => {
    const out = join(dir, 'inventory.sim.json');
    const result = await runCli([
      'export',
      'hoverfly',
      'contracts/openapi/inventory.yaml',
      '--out',
      out,
      '--json',
    ]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    const summary = JSON.parse(result.stdout) as { counts: { pairs: number }; service: string };
    const simulation = await loadOne(out);
    expect(simulation.format).toBe('hoverfly-v5');
    expect(summary.counts.pairs).toBeGreaterThan(0);
    expect(simulation.hoverfly?.pairs.length).toBe(summary.counts.pairs);
  });

  it('writes a V3 pact as a V4 pact with the same interactions', async () => {
    const contract = 'contracts/pacts/orders-inventory.json';
    const out = join(dir, 'orders-inventory.v4.json');
    const result = await runCli(['export', 'pact', contract, '--out', out]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toMatch(/→ pact \(\d+ interactions, 0 messages\)/);
    const written = JSON.parse(readFileSync(out, 'utf8')) as {
      metadata: { pactSpecification: { version: string } };
    };
    expect(written.metadata.pactSpecification.version).toBe('4.0');
    const [before, after] = [await loadOne(contract), await loadOne(out)];
    expect(interactionsOf(after)).toEqual(interactionsOf(before));
    expect(after.interactions.length).toBeGreaterThan(0);
  });

  it('refuses to export an OpenAPI contract as a pact, says why, and writes nothing', async () => {
    const out = join(dir, 'never.json');
    const result = await runCli([
      'export',
      'pact',
      'contracts/openapi/inventory.yaml',
      '--out',
      out,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('(GAUNTLET_E_EXPORT)');
    expect(result.stderr).toContain('gauntlet record --format pact');
    expect(existsSync(out)).toBe(false);
  });

  it('keeps an existing file whole when the contract does not load', async () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'openapi: 3.0.3\ninfo: [not, a, map]\npaths: 7\n');
    const out = join(dir, 'kept.json');
    writeFileSync(out, 'old');
    const result = await runCli(['export', 'hoverfly', broken, '--out', out]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/Failed to export/);
    expect(readFileSync(out, 'utf8')).toBe('old');
  });

  it('exits 2 with the usage for a missing --out or an unknown format', async () => {
    const missing = await runCli(['export', 'hoverfly', 'contracts/openapi/inventory.yaml']);
    expect([missing.code, missing.stderr]).toEqual([
      2,
      '[gauntlet] Failed to export: because --out is missing (GAUNTLET_E_USAGE).\nUsage: gauntlet export hoverfly|pact|postman CONTRACT --out FILE [--json]\n',
    ]);
    const unknown = await runCli([
      'export',
      'wiremock',
      'contracts/openapi/inventory.yaml',
      '--out',
      join(dir, 'x.json'),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      '"wiremock" is not a format this command writes (hoverfly, pact, postman)',
    );
  });
});
