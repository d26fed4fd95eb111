// `gauntlet mock CONTRACT... SCENARIO-FILE|FOLDER`: scenario files given beside the contracts
// (a file, or found in a folder such as mocks/) answer before the contract, per session. Runs
// the built binary on the local-development guide's own snippet and the example shop's mocks/.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../cli/run-cli.js';

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.pid) process.kill(child.pid);
});

/** Starts `gauntlet mock ARGS --port 0 --json` in the repository and waits for its ready line. */
async function mock(args: string[]): Promise<{ url: string; scenarios: string[] }> {
  const child = spawn(
    process.execPath,
    ['bin/gauntlet.js', 'mock', ...args, '--port', '0', '--json'],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let out = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"ready":true'));
      if (line) resolve(JSON.parse(line) as { url: string; scenarios: string[] });
    });
    child.on('exit', (code) => reject(new Error(`gauntlet mock exited ${code}: ${out}`)));
  });
}

function reserve(url: string, session: string, orderId: string): Promise<Response> {
  return fetch(`${url}/reservations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-gauntlet-session': session },
    body: JSON.stringify({ sku: 'abc', quantity: 1, orderId }),
  });
}

describe('gauntlet mock with scenario files', () => {
  it('answers from the scenario before the contract, one state per session', async () => {
    const { url, scenarios } = await mock([
      'contracts/openapi/inventory.yaml',
      'docs/snippets/inventory.scenarios.yaml',
    ]);
    expect(scenarios).toEqual(['docs/snippets/inventory.scenarios.yaml']);
    const first = await reserve(url, 'a', 'o-1');
    expect([first.status, await first.json()]).toEqual([201, { id: 'r-o-1', sku: 'abc' }]);
    const again = await reserve(url, 'a', 'o-2');
    expect([again.status, await again.json()]).toEqual([409, { title: 'out of stock' }]);
    // Another session starts from the initial state.
    expect((await reserve(url, 'b', 'o-3')).status).toBe(201);
    // What no stub answers falls through to the contract.
    expect((await fetch(`${url}/stock/abc`)).status).toBe(200);
  });

  it('finds the scenario files of a folder, each under its service on a shared port', async () => {
    const { url, scenarios } = await mock([
      'contracts/openapi/inventory.yaml',
      'contracts/raml/payments.raml',
      'mocks/',
    ]);
    expect(scenarios).toEqual(['mocks/inventory-stock.yaml', 'mocks/payments-flaky.yaml']);
    const stock = (session: string) =>
      fetch(`${url}/inventory/stock/abc`, { headers: { 'x-gauntlet-session': session } });
    expect(await (await stock('s')).json()).toEqual({ sku: 'abc', available: 3 });
    expect((await reserve(`${url}/inventory`, 's', 'o-1')).status).toBe(201);
    expect(await (await stock('s')).json()).toEqual({ sku: 'abc', available: 0 });
  });

  it('refuses a broken scenario file with its line, and a scenario of a service not served', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gauntlet-scenarios-'));
    try {
      const broken = join(dir, 'broken.yaml');
      await writeFile(
        broken,
        [
          'gauntlet: scenarios/v1',
          'scenarios:',
          '  - name: x',
          '    states: [a]',
          '    initialState: a',
          '    stubs:',
          '      - { request: { method: GET, path: /stock/abc }, response: { status: 200 }, nextState: b }',
        ].join('\n'),
      );
      const bad = await runCli(['mock', 'contracts/openapi/inventory.yaml', broken, '--port', '0']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('GAUNTLET_E_MOCK_SCENARIO_INVALID');
      expect(bad.stderr).toMatch(/broken\.yaml:7:\d+: .*state 'b' is not one of states: a/);

      const elsewhere = await runCli([
        'mock',
        'contracts/openapi/inventory.yaml',
        'contracts/openapi/gateway.yaml',
        'mocks/payments-flaky.yaml',
        '--port',
        '0',
      ]);
      expect(elsewhere.code).toBe(2);
      expect(elsewhere.stderr).toContain(
        "the scenario 'payments-flaky' belongs to the service 'payments', which this mock does not serve",
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
