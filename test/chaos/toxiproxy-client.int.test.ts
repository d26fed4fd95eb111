import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pidAlive } from '../../src/adapters/process/pid-alive.js';
import { type RunningToxiproxy, toxiproxyBackend } from '../../src/adapters/toxiproxy/backend.js';
import { createToxiproxyClient } from '../../src/adapters/toxiproxy/client.js';
import { isGauntletError } from '../../src/errors.js';
import { describeNeeding } from '../support/needs-tool.js';
import { ROOT, startToxiproxy, TOXIPROXY } from './toxiproxy.js';

describeNeeding(TOXIPROXY, 'the Toxiproxy client against the real toxiproxy-server', () => {
  let toxiproxy: RunningToxiproxy;
  let upstream: Server;
  let upstreamPort: number;

  beforeAll(async () => {
    toxiproxy = await startToxiproxy();
    upstream = createServer((_req, res) => res.end('pong'));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamPort = (upstream.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await toxiproxy?.stop();
    await new Promise((resolve) => upstream?.close(resolve));
  });

  it('populates idempotently, adds and updates toxics, keeps the error body, resets', async () => {
    const client = toxiproxy.client;
    expect(await client.version()).toBeTypeOf('string');
    const input = { name: 'a_to_b', listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstreamPort}` };
    const [first] = await client.populate([input]);
    // Re-populating with the listen address it got keeps the proxy (and its toxics).
    await client.addToxic('a_to_b', { name: 'slow', type: 'latency', attributes: { latency: 50 } });
    const [again] = await client.populate([{ ...input, listen: first!.listen }]);
    expect(again!.listen).toBe(first!.listen);
    expect(again!.toxics.map((t) => t.name)).toEqual(['slow']);

    const started = performance.now();
    const answer = await fetch(`http://${first!.listen}/`);
    expect(await answer.text()).toBe('pong');
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);

    const updated = await client.updateToxic('a_to_b', 'slow', { attributes: { latency: 10 } });
    expect(updated.attributes.latency).toBe(10);

    const error = await client
      .addToxic('a_to_b', { name: 'slow', type: 'latency' })
      .catch((e: unknown) => e);
    expect(isGauntletError(error) && error.message).toBe(
      'Failed to call Toxiproxy (POST /proxies/a_to_b/toxics): because it answered 409: toxic already exists.',
    );

    const disabled = await client.updateProxy('a_to_b', { enabled: false });
    expect(disabled.enabled).toBe(false);
    await client.reset();
    const after = await client.proxy('a_to_b');
    expect(after.enabled).toBe(true);
    expect(after.toxics).toEqual([]);
  });

  // Toxiproxy does not promise that a toxic reaches a connection already open when it is added
  // (Shopify/toxiproxy#148), and the shop's services keep their connections through the proxies
  // alive. On the pinned server it does (ToxicCollection adds it to every open link), which is
  // why the chaos runner needs no connection reset: bench/bench-toxic-reach.ts measures it for
  // every toxic kind. This keeps a Toxiproxy upgrade from changing that unnoticed.
  it('a toxic added while a connection is kept alive acts on that connection', async () => {
    const client = toxiproxy.client;
    const [proxy] = await client.populate([
      { name: 'kept_alive', listen: '127.0.0.1:0', upstream: `127.0.0.1:${upstreamPort}` },
    ]);
    const port = Number(proxy!.listen.split(':').pop());
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = () =>
      new Promise<{ ms: number; reused: boolean }>((resolve, reject) => {
        const started = performance.now();
        const req = request({ host: '127.0.0.1', port, agent }, (res) => {
          res.resume();
          res.on('end', () =>
            resolve({ ms: performance.now() - started, reused: req.reusedSocket }),
          );
        });
        req.on('error', reject);
        req.end();
      });
    try {
      await send();
      await client.addToxic('kept_alive', {
        name: 'slow',
        type: 'latency',
        attributes: { latency: 300 },
      });
      const slowed = await send();
      expect(slowed.reused).toBe(true);
      expect(slowed.ms).toBeGreaterThanOrEqual(290);
      await client.addToxic('kept_alive', { name: 'cut', type: 'reset_peer' });
      const cut = await send().catch((e: unknown) => e);
      expect(cut).toBeInstanceOf(Error);
    } finally {
      agent.destroy();
      await client.deleteProxy('kept_alive');
    }
  });

  it('times out a call that never answers', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const client = createToxiproxyClient(`http://127.0.0.1:${port}`, { timeoutMs: 200 });
    const error = await client.proxies().catch((e: unknown) => e);
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
    expect(isGauntletError(error) && error.message).toBe(
      `Failed to call Toxiproxy (GET /proxies): because http://127.0.0.1:${port} did not answer within 200 ms.`,
    );
  });

  it('stops the local server by PID', async () => {
    const own = await startToxiproxy();
    expect(pidAlive(own.pid!)).toBe(true);
    await own.stop();
    expect(pidAlive(own.pid!)).toBe(false);
  });

  it('a remote backend checks /version and is never stopped by Gauntlet', async () => {
    const remote = await toxiproxyBackend(toxiproxy.url, { cwd: ROOT, env: process.env }).start();
    expect(remote.kind).toBe('remote');
    await remote.stop();
    expect(await toxiproxy.client.version()).toBeTypeOf('string');
  });
});

it('--toxiproxy docker says in one line that no Docker-compatible engine answers', async () => {
  const env = { ...process.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock' };
  const error = await toxiproxyBackend('docker', { cwd: ROOT, env })
    .start()
    .catch((e: unknown) => e);
  expect(isGauntletError(error) && error.code).toBe('GAUNTLET_E_CONTAINER_ENGINE');
  const message = isGauntletError(error) ? error.message : '';
  expect(message.split('\n')).toHaveLength(1);
  expect(message).toBe(
    "Failed to start Toxiproxy in a container: because no Docker-compatible engine answers: asked unix:///nonexistent/docker.sock (no socket at /nonexistent/docker.sock (ENOENT): the Docker daemon is not running or not installed). Start Docker, or Podman's API service (podman system service --time=0 unix:///run/podman/podman.sock), or set DOCKER_HOST.",
  );
});
