// `gauntlet up` and Ctrl-C handling on a tiny two-service system written for the test (plain
// node programs), so the test is about the orchestration, not the shop.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive, type CliSession, spawnCli } from './spawn-cli.js';

/** Answers /health, and /config with the env it was given. */
const SERVICE = `
const http = require('node:http');
http.createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  if (req.url === '/health') return res.end('{"status":"ok"}');
  if (req.url === '/config') return res.end(JSON.stringify({ name: process.env.NAME, back: process.env.BACK_URL ?? null }));
  res.statusCode = 404;
  res.end('{"title":"not found","status":404}');
}).listen(Number(process.env.PORT), process.env.HOST, () => console.log(process.env.NAME + ' up on ' + process.env.PORT));
`;

const CONFIG = `
export default {
  services: {
    front: {
      start: { command: 'node', args: ['service.cjs'], env: { NAME: 'front' } },
      dependsOn: [{ service: 'back', env: 'BACK_URL', path: '/v1' }],
    },
    back: { start: { command: 'node', args: ['service.cjs'], env: { NAME: 'back' } } },
  },
};
`;

let cwd: string;
const sessions: CliSession[] = [];

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'gauntlet-up-'));
  await writeFile(join(cwd, 'service.cjs'), SERVICE);
  await writeFile(join(cwd, 'gauntlet.config.mjs'), CONFIG);
});

afterAll(async () => {
  for (const s of sessions) {
    if (s.child.exitCode === null) {
      s.child.kill('SIGKILL');
      await s.exited;
    }
  }
  await rm(cwd, { recursive: true, force: true });
});

describe('gauntlet up', () => {
  it('starts dependencies first, tells callers their URLs, and stops all on Ctrl-C', async () => {
    const session = spawnCli(['up', '--free-ports'], cwd);
    sessions.push(session);
    const ready = await session.waitFor(/^ready: 2 services up/m, 60_000);
    const started = [
      ...ready.matchAll(/^✓ (\w+)\s+(http:\/\/127\.0\.0\.1:\d+)\s+\(pid (\d+)/gm),
    ].map((m) => ({
      name: m[1]!,
      url: m[2]!,
      pid: Number(m[3]),
    }));
    expect(started.map((s) => s.name)).toEqual(['back', 'front']);
    const [back, front] = started;
    const config = await (await fetch(`${front!.url}/config`)).json();
    expect(config).toEqual({ name: 'front', back: `${back!.url}/v1` });
    expect(ready).toMatch(/^front\s+\| front up on \d+$/m);

    session.child.kill('SIGINT');
    expect(await session.exited).toBe(0);
    expect(started.map((s) => alive(s.pid))).toEqual([false, false]);
  }, 90_000);
});

describe('gauntlet run, interrupted', () => {
  it('stops the services it started and exits 130', async () => {
    const session = spawnCli(
      ['run', '--stage', 'system', '--report-dir', join(cwd, 'reports')],
      cwd,
    );
    sessions.push(session);
    // The system stage has no scenarios here; interrupt as soon as a service is up.
    const text = await session.waitFor(/^ {2}back healthy at (\S+)$/m, 60_000);
    const url = /^ {2}back healthy at (\S+)$/m.exec(text)![1]!;
    session.child.kill('SIGINT');
    expect(await session.exited).toBe(130);
    expect(session.output()).toContain('[gauntlet] interrupted: stopping services and mocks');
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  }, 90_000);
});
