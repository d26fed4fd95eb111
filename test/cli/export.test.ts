import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPaths } from '../../src/adapters/fs/load-paths.js';
import { toPostmanCollection } from '../../src/formats/export/to-postman.js';
import { loadSource } from '../../src/formats/load-source.js';
import type { Service } from '../../src/model/index.js';
import { repoRoot, runCli } from './run-cli.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gauntlet-export-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** `gauntlet export FORMAT CONTRACT --out OUT [extra…]`. */
function exportCli(format: string, contract: string, out: string, ...extra: string[]) {
  return runCli(['export', format, contract, '--out', out, ...extra]);
}

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
    const result = await exportCli('hoverfly', 'contracts/openapi/inventory.yaml', out, '--json');
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
    const result = await exportCli('pact', contract, out);
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
    const result = await exportCli('pact', 'contracts/openapi/inventory.yaml', out);
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
    const result = await exportCli('hoverfly', broken, out);
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
    // Postman has a writer of its own: its missing --out is refused too.
    const noOut = await runCli(['export', 'postman', 'contracts/openapi/orders.yaml']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/--out FILE is missing/);
    const unknown = await exportCli('wiremock', 'contracts/openapi/inventory.yaml', join(dir, 'x'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      '"wiremock" is not a format this command writes (hoverfly, pact, postman)',
    );
  });

  it('writes an OpenAPI contract as a Postman v2.1 collection that loads back with the same operations', async () => {
    const file = join(dir, 'orders.postman_collection.json');
    const result = await exportCli('postman', 'contracts/openapi/orders.yaml', file, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ format: 'postman-2.1', skipped: [] });
    const inspect = await runCli(['inspect', '--json', file, 'contracts/openapi/orders.yaml']);
    const [back, original] = (
      JSON.parse(inspect.stdout) as { sources: Array<{ format: string; operations: unknown[] }> }
    ).sources;
    expect(back?.format).toBe('postman-2.1');
    expect(back?.operations).toEqual(original?.operations);
  });

  it('keeps the shop collections in contracts/postman the export of their contracts', async () => {
    for (const name of ['gateway', 'inventory']) {
      const committed = JSON.parse(
        readFileSync(join(repoRoot, `contracts/postman/${name}.postman_collection.json`), 'utf8'),
      );
      const file = join(repoRoot, `contracts/openapi/${name}.yaml`);
      const contract = await loadSource(file, await readFile(file, 'utf8'), {
        readFile: (p) => readFile(p, 'utf8'),
      });
      expect(
        committed,
        `regenerate: gauntlet export postman contracts/openapi/${name}.yaml --out contracts/postman/${name}.postman_collection.json`,
      ).toEqual(JSON.parse(JSON.stringify(toPostmanCollection(contract.service!).collection)));
    }
  });
});
