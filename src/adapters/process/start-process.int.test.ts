import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isGauntletError } from '../../errors.js';
import { freePort } from './free-port.js';
import { pidAlive } from './pid-alive.js';
import { type ManagedProcess, startProcess } from './start-process.js';
import { waitForHealth } from './wait-for-health.js';

const started: ManagedProcess[] = [];

async function node(
  name: string,
  script: string,
  env: Record<string, string> = {},
): Promise<ManagedProcess> {
  const child = await startProcess({
    name,
    command: process.execPath,
    args: ['-e', script],
    env: { ...process.env, ...env },
    cwd: process.cwd(),
  });
  started.push(child);
  return child;
}

/** Polls the process's output until `count` lines arrived (node starts slowly on a busy machine). */
async function lines(child: ManagedProcess, count: number): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  while (child.recentLines().length < count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return child.recentLines();
}

afterEach(async () => {
  for (const child of started.splice(0)) await child.stop(500);
});

/** A tiny HTTP service: /health answers 200 after `delayMs`. */
const SERVICE = `
const http = require('node:http');
const ready = Date.now() + Number(process.env.DELAY_MS ?? 0);
http.createServer((req, res) => {
  res.statusCode = req.url === '/health' && Date.now() >= ready ? 200 : 503;
  res.end('{}');
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening on ' + process.env.PORT));
`;

describe('startProcess', () => {
  it('keeps the output lines and stops the process by PID', async () => {
    const child = await node(
      'talker',
      "console.log('one'); console.error('two'); setInterval(() => {}, 1000);",
    );
    expect((await lines(child, 2)).sort()).toEqual(['one', 'two']);
    expect(pidAlive(child.pid)).toBe(true);
    const exit = await child.stop();
    expect(exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(pidAlive(child.pid)).toBe(false);
  });

  it('kills with SIGKILL when SIGTERM is ignored', async () => {
    const child = await node(
      'stubborn',
      "process.on('SIGTERM', () => console.log('ignored')); console.log('up'); setInterval(() => {}, 1000);",
    );
    expect(await lines(child, 1)).toEqual(['up']);
    const exit = await child.stop(300);
    expect(exit.signal).toBe('SIGKILL');
    expect(pidAlive(child.pid)).toBe(false);
  });

  it('throws GAUNTLET_E_SERVICE_START when the program does not exist', async () => {
    const error = await startProcess({
      name: 'ghost',
      command: '/nonexistent/program',
      env: {},
      cwd: process.cwd(),
    }).catch((e: unknown) => e);
    expect(isGauntletError(error) && error.code).toBe('GAUNTLET_E_SERVICE_START');
    expect(
      isGauntletError(error) &&
        error.message.startsWith(
          'Failed to start ghost: because `/nonexistent/program` could not be run',
        ),
    ).toBe(true);
  });
});

describe('waitForHealth', () => {
  it('waits until the health path answers 2xx', async () => {
    const port = await freePort();
    const child = await node('slow', SERVICE, { PORT: String(port), DELAY_MS: '400' });
    const ms = await waitForHealth(child, `http://127.0.0.1:${port}/health`, { intervalMs: 50 });
    expect(ms).toBeGreaterThanOrEqual(300);
  });

  it('fails fast with the last output when the process exits first', async () => {
    const child = await node('crasher', "console.error('boom: no database'); process.exit(3);");
    const error = await waitForHealth(child, 'http://127.0.0.1:9/health').catch((e: unknown) => e);
    expect(isGauntletError(error) && error.message).toBe(
      `Failed to start crasher (pid ${child.pid}): because it exited (code 3) before http://127.0.0.1:9/health answered. Its last output:\n    boom: no database`,
    );
  });

  it('gives up after the timeout', async () => {
    const port = await freePort();
    const child = await node('never', SERVICE, { PORT: String(port), DELAY_MS: '60000' });
    expect(await lines(child, 1)).toEqual([`listening on ${port}`]);
    const error = await waitForHealth(child, `http://127.0.0.1:${port}/health`, {
      timeoutMs: 600,
      intervalMs: 50,
    }).catch((e: unknown) => e);
    expect(isGauntletError(error) && error.code).toBe('GAUNTLET_E_SERVICE_START');
    expect(isGauntletError(error) && error.message).toBe(
      `Failed to start never (pid ${child.pid}): because it was not healthy after 600 ms: http://127.0.0.1:${port}/health answered 503. Its last output:\n    listening on ${port}`,
    );
  });
});

describe('freePort', () => {
  it('returns a port that can be bound right away', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
    expect(port).toBeGreaterThan(0);
  });
});
