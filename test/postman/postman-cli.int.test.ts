import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../../src/adapters/http/start-mock.js';
import { repoRoot, runCli } from '../cli/run-cli.js';

const out = mkdtempSync(join(tmpdir(), 'gauntlet-postman-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('gauntlet verify postman (newman)', () => {
  let gateway: RunningMock;
  let inventory: RunningMock;
  beforeAll(async () => {
    // Gauntlet's own mocks stand in for providers: one that honours the gateway contract, one
    // that does not serve it at all.
    gateway = await startMock({
      contracts: ['contracts/openapi/gateway.yaml'],
      cwd: repoRoot,
      port: 0,
      warn: () => {},
    });
    inventory = await startMock({
      contracts: ['contracts/openapi/inventory.yaml'],
      cwd: repoRoot,
      port: 0,
      warn: () => {},
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await inventory?.close();
  });

  it('passes when every request answers as the collection tests expect, with JUnit and JSON', async () => {
    const junit = join(out, 'pass.xml');
    const report = join(out, 'pass.json');
    const result = await runCli([
      'verify',
      'postman',
      'contracts/postman/gateway.postman_collection.json',
      '--base-url',
      gateway.url,
      '--var',
      'token=token-alice',
      '--junit',
      junit,
      '--report',
      report,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^PASSED contracts\/postman\/gateway\.postman_collection\.json at .*: 6 requests, 0 failed; 12 tests, 0 failed/m,
    );
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testsuites name="gauntlet verify postman" tests="6" failures="0"/);
    const json = JSON.parse(readFileSync(report, 'utf8')) as {
      passed: boolean;
      requests: Array<{ assertions: unknown[] }>;
    };
    expect(json.passed).toBe(true);
    expect(json.requests.map((r) => r.assertions.length)).toEqual([2, 2, 2, 2, 2, 2]);
  });

  it('fails (exit 1) naming each failed test when the provider does not answer as documented', async () => {
    const junit = join(out, 'fail.xml');
    const result = await runCli([
      'verify',
      'postman',
      'contracts/postman/gateway.postman_collection.json',
      '--base-url',
      inventory.url,
      '--junit',
      junit,
      '--json',
    ]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      passed: boolean;
      requests: Array<{ name: string; status: number; passed: boolean }>;
    };
    expect(report.passed).toBe(false);
    const failed = report.requests.filter((r) => !r.passed).map((r) => [r.name, r.status]);
    expect(failed).toContainEqual(["The caller's orders (forwarded to orders GET /orders).", 404]);
    expect(readFileSync(junit, 'utf8')).toMatch(
      /<failure message="status is one the contract documents: expected \[ 200, 401, 403, 429, 502, 504 \] to include 404/,
    );
  });

  it('refuses a missing collection (exit 2) and a remote base URL without --allow-remote (exit 1)', async () => {
    const missing = await runCli(['verify', 'postman', 'nope.json', '--base-url', gateway.url]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/GAUNTLET_E_FILE_NOT_FOUND/);
    const remote = await runCli([
      'verify',
      'postman',
      'contracts/postman/gateway.postman_collection.json',
      '--base-url',
      'https://example.com',
    ]);
    // As `verify openapi`: a refused base URL is a failed check, not a usage error.
    expect(remote.code).toBe(1);
    expect(remote.stderr).toMatch(/GAUNTLET_E_VERIFY_REMOTE/);
  });

  it('serves a collection of its own through gauntlet mock’s HTTP server', async () => {
    const mock = await startMock({
      contracts: ['test/postman/collections/examples.postman_collection.json'],
      cwd: repoRoot,
      port: 0,
      warn: () => {},
    });
    try {
      const res = await fetch(`${mock.url}/pets/9`, { headers: { prefer: 'code=404' } });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'not found' });
    } finally {
      await mock.close();
    }
  });
});
