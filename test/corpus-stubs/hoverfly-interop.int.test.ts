/**
 * Interop with the real Hoverfly, both ways:
 * - what Gauntlet exports as Hoverfly simulations (from OpenAPI, RAML, pacts and recorded
 *   traffic) loads into Hoverfly, and Hoverfly answers the requests of every pair as Gauntlet
 *   does serving the same file;
 * - what Hoverfly captures in capture mode, as a proxy in front of the example inventory
 *   service, loads into Gauntlet, which answers as Hoverfly does in simulate mode.
 * Needs `hoverfly` from `gauntlet setup` (CI installs it; a missing one fails there).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { start as startInventory } from '../../examples/shop/inventory/src/server.js';
import { type RealHoverfly, startRealHoverfly } from '../../src/adapters/hoverfly/real-hoverfly.js';
import { startRecorder } from '../../src/adapters/record/start-recorder.js';
import { findTool } from '../../src/adapters/tools/find-tool.js';
import { toHoverfly } from '../../src/formats/export/to-hoverfly.js';
import { toHoverflySimulation } from '../../src/formats/hoverfly/export.js';
import { loadSource } from '../../src/formats/load-source.js';
import type { Service } from '../../src/model/index.js';
import { type Difference, runSimulation } from '../hoverfly-differential/differential.js';
import { type DiffRequest, requestForPair } from '../hoverfly-differential/request-for-pair.js';
import { describeNeeding } from '../support/needs-tool.js';

const ROOT = process.cwd();
const tool = await findTool('hoverfly', { projectRoot: ROOT });

async function load(file: string, text?: string): Promise<Service> {
  const loaded = await loadSource(file, text ?? (await readFile(file, 'utf8')), {
    readFile: (f) => readFile(f, 'utf8'),
  });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (!loaded.service || errors.length > 0)
    throw new Error(`${file} did not load: ${errors.map((d) => d.message).join('; ')}`);
  return loaded.service;
}

/** The requests that exercise every pair (those whose matchers a request can be built for). */
function requestsFor(service: Service): DiffRequest[] {
  const out: DiffRequest[] = [];
  for (const pair of service.hoverfly?.pairs ?? []) {
    const built = requestForPair(pair);
    if (!('unbuildable' in built)) out.push(built);
  }
  return out;
}

/** One request through an HTTP proxy (absolute-form target), the way a client behind Hoverfly sends it. */
function viaProxy(proxy: string, target: string, req: DiffRequest): Promise<number> {
  const p = new URL(proxy);
  return new Promise((ok, fail) => {
    const body = req.body === undefined ? undefined : Buffer.from(req.body);
    const r = httpRequest(
      {
        host: p.hostname,
        port: p.port,
        method: req.method,
        path: `${target}${req.path}`,
        headers: { ...(req.headers ?? {}), ...(body ? { 'content-length': body.length } : {}) },
        agent: false,
      },
      (res) => {
        res.resume();
        res.on('end', () => ok(res.statusCode ?? 0));
      },
    );
    r.on('error', fail);
    if (body) r.write(body);
    r.end();
  });
}

describeNeeding(
  {
    name: 'Hoverfly',
    available: tool !== undefined,
    install: 'node bin/gauntlet.js setup --only hoverfly',
  },
  `Hoverfly interop both ways (${tool?.path ?? 'hoverfly'} ${tool?.version ?? ''})`,
  () => {
    let dir = '';
    let hoverfly: RealHoverfly;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'gauntlet-hoverfly-interop-'));
      hoverfly = await startRealHoverfly({ binary: tool!.path, cwd: dir });
    }, 30_000);

    afterAll(async () => {
      await hoverfly?.stop();
      if (dir !== '') await rm(dir, { recursive: true, force: true });
    });

    /** Exports `service`, writes the file, and compares Hoverfly and Gauntlet serving it. */
    async function exportedAgree(name: string, service: Service) {
      const file = join(dir, `${name}.json`);
      const text = JSON.stringify(toHoverflySimulation(toHoverfly(service)), null, 2);
      await writeFile(file, text);
      const reloaded = await load(file, text);
      const requests = requestsFor(reloaded);
      const run = await runSimulation(name, JSON.parse(text), reloaded, requests, hoverfly);
      return { ...run, pairs: reloaded.hoverfly?.pairs.length ?? 0 };
    }

    it('Hoverfly answers exports from OpenAPI, RAML, pacts and recorded traffic as Gauntlet does', async () => {
      const sources: Array<[string, string]> = [
        ['openapi-inventory', 'contracts/openapi/inventory.yaml'],
        ['openapi-orders', 'contracts/openapi/orders.yaml'],
        ['raml-payments', 'contracts/raml/payments.raml'],
        ['pact-orders-inventory', 'contracts/pacts/orders-inventory.json'],
        ['pact-orders-payments', 'contracts/pacts/orders-payments.json'],
        ['pact-gateway-orders', 'contracts/pacts/gateway-orders.json'],
      ];
      const differences: Difference[] = [];
      let answered = 0;
      for (const [name, file] of sources) {
        const run = await exportedAgree(name, await load(resolve(ROOT, file)));
        expect(run.pairs, name).toBeGreaterThan(0);
        answered += run.answered;
        differences.push(...run.differences);
      }

      // Recorded traffic: gauntlet record in front of the inventory service writes a simulation.
      const inventory = await startInventory({ port: 0, host: '127.0.0.1' });
      const recorded = join(dir, 'recorded.json');
      const recorder = await startRecorder({
        target: inventory.url,
        out: recorded,
        format: 'hoverfly',
      });
      try {
        for (const path of ['/stock/abc', '/stock/xyz', '/health']) {
          const res = await fetch(`${recorder.url}${path}`);
          await res.arrayBuffer();
        }
      } finally {
        await recorder.close();
        await inventory.close();
      }
      const run = await exportedAgree('recorded', await load(recorded));
      expect(run.pairs).toBe(3);
      answered += run.answered;
      differences.push(...run.differences);

      console.info(
        `[hoverfly interop] exports: ${answered} requests answered by both, ${differences.length} differences`,
      );
      expect(answered).toBeGreaterThan(10);
      expect(differences).toEqual([]);
    }, 120_000);

    it('Gauntlet answers what Hoverfly captured in front of the inventory service as Hoverfly simulates it', async () => {
      const inventory = await startInventory({ port: 0, host: '127.0.0.1' });
      const capture = await startRealHoverfly({ binary: tool!.path, webserver: false, cwd: dir });
      const traffic: DiffRequest[] = [
        { method: 'GET', path: '/stock/abc' },
        { method: 'GET', path: '/stock/unknown-sku' },
        { method: 'GET', path: '/health' },
        {
          method: 'POST',
          path: '/reservations',
          headers: { 'content-type': 'application/json' },
          body: '{"sku":"abc","quantity":1,"orderId":"o-1"}',
        },
      ];
      let captured: unknown;
      try {
        await capture.setMode('capture');
        for (const req of traffic) await viaProxy(capture.url, inventory.url, req);
        captured = await capture.simulation();
      } finally {
        await capture.stop();
        await inventory.close();
      }
      const file = join(dir, 'captured.json');
      await writeFile(file, JSON.stringify(captured, null, 2));
      const service = await load(file);
      expect(service.hoverfly?.pairs.length).toBe(traffic.length);
      const run = await runSimulation('captured', captured, service, traffic, hoverfly);
      expect(run.answered).toBe(traffic.length);
      expect(run.differences).toEqual([]);
    }, 60_000);
  },
);
