// The shop's shared mock environment (examples/shop/compose/compose.yaml) brought up for real with the engine's compose tool:
// every shop service mocked, Toxiproxy in front of each dependency edge, all on 127.0.0.1.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type EngineContainer, engineApi } from '../../src/adapters/containers/engine-api.js';
import { findContainerEngine } from '../../src/adapters/containers/find-engine.js';
import { runProcess } from '../../src/adapters/process/run-process.js';
import { findOnPath } from '../../src/adapters/tools/find-on-path.js';
import { createToxiproxyClient } from '../../src/adapters/toxiproxy/client.js';
import { ensureImage, useContainerEngine } from '../../src/testcontainers/index.js';
import { lockContainerTests } from '../support/container-lock.js';
import { describeNeeding } from '../support/needs-tool.js';

const { found } = await findContainerEngine(process.env);
const podmanCompose = await findOnPath('podman-compose', process.env.PATH);
const FILE = 'examples/shop/compose/compose.yaml';
const PROJECT_LABEL = 'com.docker.compose.project';

describeNeeding(
  {
    name: 'a container engine with podman-compose',
    available: found !== null && podmanCompose !== undefined,
    install: 'source .ci/podman.sh && podman_install && podman_start (installs podman-compose)',
  },
  'the shop as a shared mock environment (compose)',
  () => {
    const project = `gauntlet-shop-${randomBytes(4).toString('hex')}`;
    const compose = (...args: string[]) =>
      runProcess(podmanCompose!, ['-p', project, '-f', FILE, ...args], {
        env: process.env,
        timeoutMs: 180_000,
      });
    let containers: EngineContainer[] = [];
    const published = (service: string, port: number): string => {
      const container = containers.find((c) => c.labels['com.docker.compose.service'] === service);
      const mapping = container?.ports.find((p) => p.privatePort === port);
      if (!mapping?.publicPort) throw new Error(`${service}:${port} is not published`);
      return `http://127.0.0.1:${mapping.publicPort}`;
    };

    let release: () => void = () => undefined;

    beforeAll(async () => {
      // One container test file at a time (see test/support/container-lock.ts).
      release = await lockContainerTests();
      await useContainerEngine();
      await ensureImage('toxiproxy', { offline: true });
      await ensureImage('mock', { offline: true });
      const up = await compose('up', '-d');
      expect(up.code, up.stderr).toBe(0);
      containers = await engineApi(found!.dockerHost).containersWithLabel(PROJECT_LABEL, project);
    }, 900_000);

    afterAll(async () => {
      try {
        await compose('down');
        // podman-compose 1.0 leaves the project's network; docker compose removes it.
        await runProcess('podman', ['network', 'rm', '-f', `${project}_default`], {
          env: process.env,
        });
        const left = await engineApi(found!.dockerHost).containersWithLabel(PROJECT_LABEL, project);
        expect(left).toEqual([]);
      } finally {
        release();
      }
    }, 180_000);

    it('publishes every port on 127.0.0.1 only', () => {
      expect(containers.map((c) => c.labels['com.docker.compose.service']).sort()).toEqual([
        'gateway',
        'inventory',
        'orders',
        'payments',
        'toxiproxy',
      ]);
      for (const port of containers.flatMap((c) => c.ports)) expect(port.ip).toBe('127.0.0.1');
    });

    it('answers through the orders_to_inventory proxy, and a toxic slows it', async () => {
      const proxy = published('toxiproxy', 8668);
      const get = async () => {
        const deadline = Date.now() + 60_000;
        for (;;) {
          try {
            return await fetch(`${proxy}/stock/abc`, { signal: AbortSignal.timeout(5000) });
          } catch (error) {
            if (Date.now() > deadline) throw error;
            await new Promise((r) => setTimeout(r, 500));
          }
        }
      };
      const first = await get();
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({ sku: 'abc' });
      const toxiproxy = createToxiproxyClient(published('toxiproxy', 8474));
      expect(Object.keys(await toxiproxy.proxies()).sort()).toEqual([
        'gateway_to_inventory',
        'gateway_to_orders',
        'orders_to_inventory',
        'orders_to_payments',
      ]);
      await toxiproxy.addToxic('orders_to_inventory', {
        name: 'slow',
        type: 'latency',
        attributes: { latency: 600 },
      });
      const t0 = performance.now();
      expect((await get()).status).toBe(200);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(550);
    }, 120_000);
  },
);
