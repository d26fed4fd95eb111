// `gauntlet verify` through the CLI entry point (in-process: the command is a thin shell over
// verifyPacts and verifyOpenApi, which the other tests cover in depth).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { type BrokenInventory, startBrokenInventory } from './fixtures/broken-inventory.js';

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: {},
  });
  return { code, stdout, stderr };
}

describe('gauntlet verify', () => {
  let broken: BrokenInventory;
  let dir: string;
  beforeAll(async () => {
    broken = await startBrokenInventory();
    dir = await mkdtemp(join(tmpdir(), 'gauntlet-verify-cli-'));
  });
  afterAll(async () => {
    await broken.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('verify pact prints one line per interaction and exits 0 when the provider honours the pacts', async () => {
    const result = await run([
      'verify',
      'pact',
      '--provider',
      'inventory',
      '--pacts',
      'contracts/pacts/orders-inventory.json',
      '--states',
      'examples/shop/inventory/test/provider/states.ts',
    ]);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => l.replace(/ \(\d+ ms\)$/, ''));
    expect(lines.slice(0, 4)).toEqual([
      '[1/4] ok   orders → inventory: a request to release reservation r-1',
      '[2/4] ok   orders → inventory: a request to release reservation r-9',
      '[3/4] ok   orders → inventory: a request to reserve 1 unit of sold-out',
      '[4/4] ok   orders → inventory: a request to reserve 2 units of abc',
    ]);
    expect(lines[4]).toBe('PASSED inventory: 4 interactions, 4 passed, 0 failed, 0 pending');
  });

  it('verify pact exits 1 on a provider regression and writes the JSON report', async () => {
    const report = join(dir, 'pact.json');
    const result = await run([
      'verify',
      'pact',
      '--provider',
      'inventory',
      '--base-url',
      broken.url,
      '--pacts',
      'contracts/pacts/orders-inventory.json',
      '--header',
      'Authorization: Bearer cli',
      '--report',
      report,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('         StatusMismatch: expected 204 but was 500\n');
    const saved = JSON.parse(await readFile(report, 'utf8')) as {
      passed: boolean;
      interactions: unknown[];
    };
    expect([saved.passed, saved.interactions.length]).toEqual([false, 4]);
    expect(broken.authorizations.at(-1)).toBe('Bearer cli');
  });

  it('verify openapi prints each failure with its check and a curl line, and exits 1', async () => {
    const result = await run([
      'verify',
      'openapi',
      '--spec',
      'contracts/openapi/inventory.yaml',
      '--base-url',
      broken.url,
      '--cases',
      '1',
      '--seed',
      '7',
      '--checks',
      'not_a_server_error,status_code_conformance',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /DELETE \/reservations\/\S+ \[examples, example: example\] → 500\n {2}not_a_server_error: The provider answered 500, a server error\.\n {2}status_code_conformance: Status 500 is not documented for DELETE \/reservations\/\{id\} \(documented: 204, 404\)\.\n {2}curl -X DELETE 'http:\/\/127\.0\.0\.1:\d+\/reservations\/\S+'\n/,
    );
    expect(result.stdout).toMatch(
      /\nrequests by phase: examples 4 \(1 failed\), stateful \d+ \(\d+ failed\), coverage \d+ \(\d+ failed\), methods 16, generated \d+ \(\d+ failed\)\n/,
    );
    expect(result.stdout).toMatch(
      /FAILED inventory at http:\/\/127\.0\.0\.1:\d+: \d+ requests \(seed 7\), \d+ failed \(not_a_server_error ×\d+, status_code_conformance ×\d+\)/,
    );
  });

  it('refuses a remote base URL without --allow-remote, and unknown checks', async () => {
    const remote = await run([
      'verify',
      'openapi',
      '--spec',
      'contracts/openapi/inventory.yaml',
      '--base-url',
      'http://example.com',
    ]);
    expect([remote.code, remote.stderr.includes('(GAUNTLET_E_VERIFY_REMOTE)')]).toEqual([1, true]);
    const bad = await run([
      'verify',
      'openapi',
      '--spec',
      'x.yaml',
      '--base-url',
      broken.url,
      '--checks',
      'everything',
    ]);
    expect([bad.code, bad.stderr.includes('"everything" is not one of')]).toEqual([2, true]);
    const mode = await run(['verify', 'graphql']);
    expect(mode.code).toBe(2);
  });
});
