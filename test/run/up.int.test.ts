// `gauntlet up` and Ctrl-C handling on a tiny two-service system written for the test (plain
// node programs), so the test is about the orchestration, not the shop.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, TOXIPROXY } from '../chaos/toxiproxy.js';
import { describeNeeding } from '../support/needs-tool.js';
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

describeNeeding(TOXIPROXY, 'gauntlet up --chaos', () => {
  it('routes each edge through its own proxy, told through the env var of the config; Ctrl-C stops Toxiproxy too', async () => {
    // The fixture's folder has no .gauntlet/bin: point at the project's toxiproxy-server.
    process.env.GAUNTLET_TOXIPROXY_SERVER ??= join(ROOT, '.gauntlet', 'bin', 'toxiproxy-server');
    const session = spawnCli(['up', '--free-ports', '--chaos'], cwd);
    sessions.push(session);
    const ready = await session.waitFor(/^ {2}front_to_back {2}(\S+)$/m, 60_000);
    const toxiproxy = /^✓ toxiproxy {2}(\S+) {2}\(pid (\d+)\)$/m.exec(ready);
    const front = /^✓ front\s+(\S+)\s+\(pid (\d+)/m.exec(ready);
    const back = /^✓ back\s+(\S+)\s+\(pid (\d+)/m.exec(ready);
    const proxyUrl = /^ {2}front_to_back {2}(\S+)$/m.exec(ready)![1]!;
    expect([toxiproxy, front, back].every((m) => m !== null)).toBe(true);
    // front calls back through the proxy, at the URL its BACK_URL names (path kept).
    const config = await (await fetch(`${front![1]}/config`)).json();
    expect(config).toEqual({ name: 'front', back: `${proxyUrl}/v1` });
    const proxies = (await (await fetch(`${toxiproxy![1]}/proxies`)).json()) as Record<
      string,
      { upstream: string; enabled: boolean }
    >;
    expect(Object.keys(proxies)).toEqual(['front_to_back']);
    expect(proxies.front_to_back!.upstream).toBe(new URL(back![1]!).host);
    // And the proxy really forwards to back.
    expect(((await (await fetch(`${proxyUrl}/config`)).json()) as { name: string }).name).toBe(
      'back',
    );

    session.child.kill('SIGINT');
    expect(await session.exited).toBe(0);
    const pids = [toxiproxy, front, back].map((m) => Number(m![2]));
    expect(pids.map(alive)).toEqual([false, false, false]);
  }, 90_000);
});
