// The Pact core prints its report from native code; verifyPacts runs it in a worker process so
// that our stdout carries only our own output (one JSON document with --json).
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPacts } from '../../src/adapters/pact/verify-pacts.js';
import { repoRoot, runCli } from '../cli/run-cli.js';

const INVENTORY = [
  '--provider',
  'inventory',
  '--pacts',
  'contracts/pacts/orders-inventory.json',
  '--states',
  'examples/shop/inventory/test/provider/states.ts',
];

/** PIDs of the verify workers `pid` has forked (Linux `ps`). */
function workersOf(pid: number): number[] {
  let text: string;
  try {
    text = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there is no child.
  }
  return text
    .split('\n')
    .filter((line) => line.includes('verify-worker'))
    .map((line) => Number.parseInt(line.trim(), 10));
}

/** Running, i.e. neither gone nor a zombie waiting for a reaper (containers may not reap). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

describe('gauntlet verify pact keeps the Pact core off stdout', () => {
  it('--json prints exactly one JSON document with the interactions', async () => {
    const result = await runCli(['verify', 'pact', ...INVENTORY, '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      passed: boolean;
      interactions: Array<{ consumer: string; description: string; status: string }>;
    };
    expect(report.passed).toBe(true);
    expect(report.interactions.map((i) => [i.consumer, i.description, i.status])).toEqual([
      ['orders', 'a request to release reservation r-1', 'passed'],
      ['orders', 'a request to release reservation r-9', 'passed'],
      ['orders', 'a request to reserve 1 unit of sold-out', 'passed'],
      ['orders', 'a request to reserve 2 units of abc', 'passed'],
    ]);
    expect(result.stderr).not.toContain('returns a response which');
  });

  it('without --json prints only our progress lines, and the core text stays in report.output', async () => {
    const result = await runCli(['verify', 'pact', ...INVENTORY]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('returns a response which');
    expect(result.stdout.trim().split('\n')).toHaveLength(5);
    const report = await verifyPacts({
      provider: 'inventory',
      pacts: ['contracts/pacts/orders-inventory.json'],
      statesModule: 'examples/shop/inventory/test/provider/states.ts',
    });
    expect(report.output.some((line) => line.includes('returns a response which'))).toBe(true);
  });
});

describe('the verify worker is killed by PID', () => {
  // A provider that accepts requests and never answers, so the core hangs on the first one.
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('on timeout, with an error that says so', async () => {
    const run = verifyPacts({
      provider: 'inventory',
      baseUrl: url,
      pacts: ['contracts/pacts/orders-inventory.json'],
      runTimeoutMs: 1500,
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    await new Promise((r) => setTimeout(r, 500));
    const workers = workersOf(process.pid);
    expect(workers).toHaveLength(1);
    expect(await run).toMatchObject({
      code: 'GAUNTLET_E_PACT_VERIFIER',
      message:
        'Failed to verify inventory: because the verification did not finish within 1500 ms.',
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(workers.filter(alive)).toEqual([]);
  });

  it('on SIGINT of the CLI process', async () => {
    const cli = spawn(
      process.execPath,
      [
        `${repoRoot}/bin/gauntlet.js`,
        'verify',
        'pact',
        '--provider',
        'inventory',
        '--base-url',
        url,
        '--pacts',
        'contracts/pacts/orders-inventory.json',
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<string | null>((resolve) =>
      cli.on('close', (_code, signal) => resolve(signal)),
    );
    const pid = cli.pid ?? 0;
    let workers: number[] = [];
    for (let i = 0; i < 50 && workers.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      workers = workersOf(pid);
    }
    expect(workers).toHaveLength(1);
    process.kill(pid, 'SIGINT');
    expect(await exited).toBe('SIGINT');
    await new Promise((r) => setTimeout(r, 100));
    expect(workers.filter(alive)).toEqual([]);
  });
});
