import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../../src/adapters/http/start-mock.js';
import { findTool } from '../../src/adapters/tools/find-tool.js';
import { toHoverfly } from '../../src/formats/export/to-hoverfly.js';
import { toHoverflySimulation } from '../../src/formats/hoverfly/export.js';
import { loadSource } from '../../src/formats/load-source.js';
import { emptyService, type Service } from '../../src/model/index.js';
import { pactRequest } from './corpus-requests.js';

/**
 * Interop: a simulation we exported (from the example system's pacts) is imported into the real
 * Hoverfly (webserver mode) and into Gauntlet; the same requests go to both and must get the same
 * status, headers (those the pair sets) and body. Needs `hoverfly` from `gauntlet setup`.
 */

const PACTS = ['orders-inventory.json', 'orders-payments.json', 'gateway-orders.json'];
const tool = await findTool('hoverfly', { projectRoot: process.cwd() });
/** Why the test cannot run here: hoverfly is not installable from this machine's Go proxy. */
const MISSING =
  'hoverfly interop skipped: hoverfly is not installed (not in .gauntlet/bin, not on PATH, GAUNTLET_HOVERFLY unset); `gauntlet setup --only hoverfly` fails here because the Go module proxy answers 403 "This module version is not available." for github.com/SpectoLabs/hoverfly';

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

async function waitFor(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Hoverfly did not answer ${url} within ${ms} ms`);
}

async function loadPact(name: string): Promise<Service> {
  const file = resolve(process.cwd(), 'contracts/pacts', name);
  const loaded = await loadSource(file, await readFile(file, 'utf8'), {
    readFile: (f) => readFile(f, 'utf8'),
  });
  if (!loaded.service) throw new Error(`cannot load ${file}`);
  return loaded.service;
}

if (!tool) {
  console.warn(`[gauntlet] ${MISSING}`);
  describe('hoverfly interop', () => {
    it.skip(MISSING, () => undefined);
  });
} else {
  describe(`hoverfly interop (${tool.path} ${tool.version ?? ''})`, () => {
    let dir = '';
    let hoverfly: ChildProcess | undefined;
    let gauntlet: RunningMock | undefined;
    let hoverflyUrl = '';
    const pacts: Service[] = [];

    beforeAll(async () => {
      for (const name of PACTS) pacts.push(await loadPact(name));
      const sim = emptyService({
        name: 'sim',
        title: 'sim',
        format: 'hoverfly-v5',
        file: 'sim.json',
      });
      sim.hoverfly = { ...toHoverfly(pacts[0]!), pairs: pacts.flatMap((p) => toHoverfly(p).pairs) };
      dir = await mkdtemp(join(tmpdir(), 'gauntlet-hoverfly-'));
      const file = join(dir, 'simulation.json');
      await writeFile(file, JSON.stringify(toHoverflySimulation(sim.hoverfly), null, 2));
      const proxyPort = await freePort();
      const adminPort = await freePort();
      hoverfly = spawn(
        tool.path,
        ['-webserver', '-pp', String(proxyPort), '-ap', String(adminPort), '-import', file],
        { stdio: 'ignore' },
      );
      await waitFor(`http://127.0.0.1:${adminPort}/api/health`, 15_000);
      hoverflyUrl = `http://127.0.0.1:${proxyPort}`;
      gauntlet = await startMock({
        services: [sim],
        port: 0,
        validateRequests: 'off',
        warn: () => undefined,
      });
    }, 30_000);

    afterAll(async () => {
      await gauntlet?.close();
      if (hoverfly?.pid !== undefined) process.kill(hoverfly.pid);
      if (dir !== '') await rm(dir, { recursive: true, force: true });
    });

    it('answers every interaction the same as Hoverfly', async () => {
      const send = async (base: string, i: (typeof pacts)[number]['interactions'][number]) => {
        const r = pactRequest(i);
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(r.headers))
          if (typeof v === 'string' && k !== 'host' && k !== 'x-pact-provider-state')
            headers[k] = v;
        const init: RequestInit = { method: r.method, headers };
        if (r.body) init.body = Buffer.from(r.body);
        const res = await fetch(`${base}${r.path}${r.query ? `?${r.query}` : ''}`, init);
        const wanted = Object.keys(i.response.headers ?? {}).map((h) => h.toLowerCase());
        return {
          status: res.status,
          headers: wanted.map((h) => [h, res.headers.get(h)]),
          body: await res.text(),
        };
      };
      let compared = 0;
      for (const pact of pacts) {
        for (const interaction of pact.interactions) {
          expect(await send(gauntlet!.url, interaction)).toEqual(
            await send(hoverflyUrl, interaction),
          );
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(0);
    });
  });
}
