// Gauntlet's containers on a real engine (Podman here, through its Docker API): images built
// offline, started through gauntlet/testcontainers, talked to on 127.0.0.1 only, and nothing
// left behind — after a test, after a failed start, after the test process is killed.
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { engineApi } from '../../src/adapters/containers/engine-api.js';
import { findContainerEngine } from '../../src/adapters/containers/find-engine.js';
import { toxiproxyBackend } from '../../src/adapters/toxiproxy/backend.js';
import {
  ensureImage,
  GauntletMockContainer,
  HoverflyContainer,
  SESSION_LABEL,
  startNetwork,
  ToxiproxyContainer,
  useContainerEngine,
} from '../../src/testcontainers/index.js';
import { lockContainerTests } from '../support/container-lock.js';
import { describeNeeding } from '../support/needs-tool.js';

const { found } = await findContainerEngine(process.env);
const INVENTORY = path.resolve('contracts/openapi/inventory.yaml');

describeNeeding(
  {
    name: 'a Docker-compatible engine',
    available: found !== null,
    install: 'source .ci/podman.sh && podman_install && podman_start (as root), or start Docker',
  },
  'gauntlet/testcontainers on a real engine',
  () => {
    let sessionId = '';
    let release: () => void = () => undefined;
    const leftovers = async () =>
      engineApi(found!.dockerHost).containersWithLabel(SESSION_LABEL, sessionId);

    beforeAll(async () => {
      // One container test file at a time (see test/support/container-lock.ts).
      release = await lockContainerTests();
      sessionId = (await useContainerEngine()).sessionId;
      await ensureImage('toxiproxy', { offline: true });
      await ensureImage('mock', { offline: true });
    }, 900_000);

    afterAll(async () => {
      try {
        expect(await leftovers()).toEqual([]);
      } finally {
        release();
      }
    });

    it('serves a contract from the mock container, with its admin API', async () => {
      const started = performance.now();
      const inventory = await new GauntletMockContainer(INVENTORY, { seed: 1 }).start();
      const healthyMs = Math.round(performance.now() - started);
      try {
        const response = await fetch(`${inventory.getBaseUrl()}/stock/abc`);
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ sku: expect.any(String) });
        expect(inventory.getBaseUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        const journal = await inventory.admin.journal();
        expect(journal.entries.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /stock/abc']);
        console.log(`mock container healthy in ${healthyMs} ms`);
      } finally {
        await inventory.stop();
      }
    });

    it('puts a Toxiproxy container between the host and a mock container, by network alias', async () => {
      const network = await startNetwork();
      const inventory = await new GauntletMockContainer(INVENTORY)
        .withNetwork(network)
        .withNetworkAliases('inventory')
        .start();
      const toxiproxy = await new ToxiproxyContainer().withNetwork(network).start();
      try {
        const proxy = await toxiproxy.createProxy({
          name: 'orders_to_inventory',
          upstream: 'inventory:4010',
        });
        const direct = await fetch(`${proxy.url}/stock/abc`);
        expect(direct.status).toBe(200);
        await toxiproxy.client.addToxic(proxy.name, {
          name: 'slow',
          type: 'latency',
          attributes: { latency: 700 },
        });
        const t0 = performance.now();
        const slow = await fetch(`${proxy.url}/stock/abc`);
        expect(slow.status).toBe(200);
        expect(performance.now() - t0).toBeGreaterThanOrEqual(650);
        expect((await toxiproxy.client.proxy(proxy.name)).toxics.map((t) => t.name)).toEqual([
          'slow',
        ]);
      } finally {
        await toxiproxy.stop();
        await inventory.stop();
        await network.stop();
      }
    });

    it('removes a mock container that fails to start, and says why', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'gauntlet-bad-'));
      const bad = path.join(dir, 'broken.yaml');
      await writeFile(bad, 'openapi: 3.0.3\npaths: [this is not a paths object\n');
      const attempt = new GauntletMockContainer(bad).withStartupTimeout(20_000).start();
      await expect(attempt).rejects.toMatchObject({ code: 'GAUNTLET_E_CONTAINER_START' });
      expect(await leftovers()).toEqual([]);
    }, 60_000);

    it('runs `--toxiproxy docker`: a Toxiproxy container whose proxies reach 127.0.0.1', async () => {
      const upstream = createServer((_req, res) => res.end('through'));
      await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
      const port = (upstream.address() as AddressInfo).port;
      const toxiproxy = await toxiproxyBackend('docker', {
        cwd: process.cwd(),
        env: process.env,
      }).start();
      try {
        expect(toxiproxy.kind).toBe('docker');
        const [proxy] = await toxiproxy.client.populate([
          { name: 'test_to_upstream', listen: '127.0.0.1:0', upstream: `127.0.0.1:${port}` },
        ]);
        const response = await fetch(`http://${proxy!.listen}/`);
        expect(await response.text()).toBe('through');
      } finally {
        await toxiproxy.stop();
        upstream.close();
      }
      expect(await leftovers()).toEqual([]);
    }, 120_000);

    it('serves a simulation from the Hoverfly container (webserver mode)', async () => {
      await ensureImage('hoverfly', { offline: true });
      const hoverfly = await new HoverflyContainer().start();
      try {
        await hoverfly.importSimulation({
          data: {
            pairs: [
              {
                request: { path: [{ matcher: 'exact', value: '/stock/abc' }] },
                response: { status: 200, body: '{"sku":"abc","available":3}' },
              },
            ],
          },
          meta: { schemaVersion: 'v5.2' },
        });
        const response = await fetch(`${hoverfly.getBaseUrl()}/stock/abc`);
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ sku: 'abc', available: 3 });
        await expect(hoverfly.importSimulation({ data: 'not a simulation' })).rejects.toThrow(
          /Failed to import the simulation into Hoverfly: because it answered 4\d\d/,
        );
      } finally {
        await hoverfly.stop();
      }
    }, 120_000);

    it('leaves no container behind when the test process is killed', async () => {
      // A child process starts a mock container, says its session, and is SIGKILLed: no afterAll,
      // no stop(). The reaper it started must remove the container.
      const script = path.resolve('test/containers/fixtures/start-and-hang.ts');
      const child = spawn(process.execPath, ['--import', 'tsx', script, INVENTORY], {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: process.env,
      });
      const session = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /session=(\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`the child exited early (${code}): ${out}`)));
      });
      const api = engineApi(found!.dockerHost);
      expect(await api.containersWithLabel(SESSION_LABEL, session)).toHaveLength(1);
      child.kill('SIGKILL');
      const deadline = Date.now() + 20_000;
      let left = await api.containersWithLabel(SESSION_LABEL, session);
      while (left.length > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        left = await api.containersWithLabel(SESSION_LABEL, session);
      }
      expect(left).toEqual([]);
    }, 90_000);
  },
);
