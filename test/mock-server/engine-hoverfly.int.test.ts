// Black-box: `gauntlet mock --engine hoverfly SIM` runs the real Hoverfly with the simulation as
// written; --log lines and misses come from Hoverfly's journal. Needs the built CLI and Hoverfly.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pidAlive } from '../../src/adapters/process/pid-alive.js';
import { findTool } from '../../src/adapters/tools/find-tool.js';
import { describeNeeding } from '../support/needs-tool.js';

const BIN = fileURLToPath(new URL('../../bin/gauntlet.js', import.meta.url));
const tool = await findTool('hoverfly', { projectRoot: process.cwd() });

const SIMULATION = {
  data: {
    pairs: [
      {
        request: {
          path: [{ matcher: 'exact', value: '/greeting' }],
          requiresState: { 'sequence:g': '1' },
        },
        response: { status: 200, body: 'hello', transitionsState: { 'sequence:g': '2' } },
      },
      {
        request: {
          path: [{ matcher: 'exact', value: '/greeting' }],
          requiresState: { 'sequence:g': '2' },
        },
        response: { status: 200, body: 'hello again' },
      },
    ],
  },
  meta: { schemaVersion: 'v5.2' },
};

function run(dir: string, args: string[]) {
  const child: ChildProcess = spawn(process.execPath, [BIN, ...args], {
    cwd: dir,
    env: { ...process.env, GAUNTLET_HOVERFLY: tool?.path ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function until(check: () => boolean, what: () => string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describeNeeding(
  {
    name: 'Hoverfly',
    available: tool !== undefined,
    install: 'node bin/gauntlet.js setup --only hoverfly',
  },
  'gauntlet mock --engine hoverfly',
  () => {
    let dir = '';
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'gauntlet-engine-hoverfly-'));
      await writeFile(join(dir, 'greeting.json'), JSON.stringify(SIMULATION));
      await writeFile(
        join(dir, 'api.yaml'),
        'openapi: 3.1.0\ninfo: {title: a, version: "1"}\npaths: {}\n',
      );
    });
    afterAll(async () => {
      if (dir !== '') await rm(dir, { recursive: true, force: true });
    });

    it('serves the simulation with the real Hoverfly, logs from its journal, and stops it on SIGTERM', async () => {
      const r = run(dir, ['mock', 'greeting.json', '--engine', 'hoverfly', '--port', '0', '--log']);
      try {
        await until(
          () => /^ready$/m.test(r.stdout()),
          () => r.stdout() + r.stderr(),
        );
        const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(r.stdout())?.[1];
        expect(r.stdout()).toMatch(
          /^greeting {2}http:\/\/127\.0\.0\.1:\d+ {2}\(hoverfly, hoverfly-v5/m,
        );
        const pid = Number(/served by Hoverfly \(pid (\d+)\)/.exec(r.stderr())?.[1]);
        expect(pidAlive(pid)).toBe(true);
        const texts: string[] = [];
        for (const path of ['/greeting', '/greeting', '/nope']) {
          const res = await fetch(`${url}${path}`);
          texts.push(`${res.status} ${(await res.text()).split('\n')[0]}`);
        }
        expect(texts).toEqual(['200 hello', '200 hello again', '502 Hoverfly Error!']);
        await until(
          () => r.stdout().includes('GET /nope → 502'),
          () => r.stdout(),
        );
        expect(r.stdout()).toContain('GET /greeting → 200\nGET /greeting → 200\n');
        expect(r.stdout()).toMatch(/GET \/nope → 502 MISS: /);
        r.child.kill('SIGTERM');
        expect(await r.exited).toBe(0);
        expect(pidAlive(pid)).toBe(false);
      } finally {
        if (r.child.exitCode === null) r.child.kill('SIGKILL');
      }
    }, 60_000);

    it('refuses what Hoverfly cannot serve with a usage error (exit 2)', async () => {
      const r = run(dir, ['mock', 'api.yaml', '--engine', 'hoverfly', '--port', '0']);
      expect(await r.exited).toBe(2);
      expect(r.stderr()).toContain(
        'Failed to start Hoverfly: because api.yaml (openapi-3.1) is not a Hoverfly simulation, and Hoverfly serves simulations only.',
      );
      const flags = run(dir, ['mock', 'greeting.json', '--engine', 'hoverfly', '--watch']);
      expect(await flags.exited).toBe(2);
      expect(flags.stderr()).toContain("--watch applies to Gauntlet's engine only");
    }, 60_000);
  },
);
