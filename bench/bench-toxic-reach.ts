// Does a toxic reach a connection that was already open when it was added? Toxiproxy does not
// promise it (Shopify/toxiproxy#148), and the shop's services keep their connections alive
// through the proxies, so a chaos run whose toxic missed them would report a steady state that
// was never tested. For each toxic kind, `trials` times: warm one kept-alive connection through
// a proxy, add the toxic, send the next request on the same connection (node:http's
// `reusedSocket` says whether it was), and decide from the answer whether the toxic acted. Then
// the same with Gauntlet's connection reset (the proxy disabled and enabled right after the
// toxic is added, which closes its open connections). Prints, per toxic kind, how many trials
// the toxic reached.
//
//   npx tsx bench/bench-toxic-reach.ts [trials=20] [local|container]
//
// local: the pinned toxiproxy-server that `gauntlet chaos` starts, an upstream in this process.
// container: the setup of examples/shop/orders/test/containers.int.test.ts — Toxiproxy and a
// Gauntlet mock of inventory in containers on one network, called through a mapped port.
import { readFileSync } from 'node:fs';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { localToxiproxy } from '../src/adapters/toxiproxy/backend.js';
import type { ToxicInput, ToxiproxyClient } from '../src/adapters/toxiproxy/client.js';

const trials = Number(process.argv[2] ?? 20);
const mode = process.argv[3] === 'container' ? 'container' : 'local';
const root = new URL('..', import.meta.url).pathname;
const LATENCY_MS = 600;

interface Target {
  client: ToxiproxyClient;
  proxy: string;
  host: string;
  port: number;
  path: string;
  stop(): Promise<void>;
}

async function localTarget(): Promise<Target> {
  const body = 'x'.repeat(20_000);
  const upstream: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const port = (upstream.address() as AddressInfo).port;
  const toxiproxy = await localToxiproxy({ cwd: root, env: process.env }).start();
  const [proxy] = await toxiproxy.client.populate([
    { name: 'reach', listen: '127.0.0.1:0', upstream: `127.0.0.1:${port}` },
  ]);
  return {
    client: toxiproxy.client,
    proxy: 'reach',
    host: '127.0.0.1',
    port: Number(proxy!.listen.split(':').pop()),
    path: '/',
    stop: async () => {
      await toxiproxy.stop();
      upstream.closeAllConnections();
      upstream.close();
    },
  };
}

async function containerTarget(): Promise<Target> {
  const tc = await import('../src/testcontainers/index.js');
  await tc.useContainerEngine();
  await tc.ensureImage('toxiproxy', { offline: true });
  await tc.ensureImage('mock', { offline: true });
  const network = await tc.startNetwork();
  const inventory = await new tc.GauntletMockContainer('contracts/openapi/inventory.yaml')
    .withNetwork(network)
    .withNetworkAliases('inventory')
    .start();
  const toxiproxy = await new tc.ToxiproxyContainer().withNetwork(network).start();
  const proxy = await toxiproxy.createProxy({ name: 'reach', upstream: 'inventory:4010' });
  return {
    client: toxiproxy.client,
    proxy: 'reach',
    host: proxy.host,
    port: proxy.port,
    path: '/stock/abc',
    stop: async () => {
      await toxiproxy.stop();
      await inventory.stop();
      await network.stop();
    },
  };
}

interface Outcome {
  ms: number;
  /** 'ok' (a whole answer), 'error' (reset, closed), 'timeout' (no answer within 1.5 s). */
  result: 'ok' | 'error' | 'timeout';
  reused: boolean;
}
interface Kind {
  name: string;
  toxic: ToxicInput;
  acted(outcome: Outcome): boolean;
  localOnly?: boolean;
}
const KINDS: Kind[] = [
  {
    name: `latency ${LATENCY_MS} ms downstream`,
    toxic: { type: 'latency', stream: 'downstream', attributes: { latency: LATENCY_MS } },
    acted: (o) => o.ms >= 0.9 * LATENCY_MS,
  },
  {
    name: `latency ${LATENCY_MS} ms upstream`,
    toxic: { type: 'latency', stream: 'upstream', attributes: { latency: LATENCY_MS } },
    acted: (o) => o.ms >= 0.9 * LATENCY_MS,
  },
  {
    name: 'timeout 0 (silence)',
    toxic: { type: 'timeout', attributes: { timeout: 0 } },
    acted: (o) => o.result !== 'ok',
  },
  {
    name: 'reset_peer',
    toxic: { type: 'reset_peer', attributes: { timeout: 0 } },
    acted: (o) => o.result !== 'ok',
  },
  {
    name: 'bandwidth 20 KB/s (20 KB body)',
    toxic: { type: 'bandwidth', attributes: { rate: 20 } },
    acted: (o) => o.ms >= 500,
    localOnly: true,
  },
];

const target = mode === 'container' ? await containerTarget() : await localTarget();
try {
  // One connection, kept alive, as each of the shop's clients keeps one per dependency.
  let agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const send = (): Promise<Outcome> =>
    new Promise((resolve) => {
      const start = performance.now();
      const done = (result: Outcome['result'], reused: boolean) =>
        resolve({ ms: performance.now() - start, result, reused });
      const req = request(
        { host: target.host, port: target.port, path: target.path, agent, timeout: 1500 },
        (res) => {
          res.resume();
          res.on('end', () => done(res.statusCode === 200 ? 'ok' : 'error', req.reusedSocket));
          res.on('error', () => done('error', req.reusedSocket));
        },
      );
      req.on('timeout', () => {
        req.destroy();
        done('timeout', req.reusedSocket);
      });
      req.on('error', () => done('error', req.reusedSocket));
      req.end();
    });

  const run = async (kind: Kind, reset: boolean) => {
    let reached = 0;
    let reused = 0;
    for (let i = 0; i < trials; i++) {
      // A fresh, warm connection: the previous trial may have broken the old one.
      agent.destroy();
      agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const warm = await send();
      if (warm.result !== 'ok') throw new Error(`warm-up failed: ${warm.result}`);
      await target.client.addToxic(target.proxy, { name: 'probe', ...kind.toxic });
      if (reset) {
        await target.client.updateProxy(target.proxy, { enabled: false });
        await target.client.updateProxy(target.proxy, { enabled: true });
      }
      const outcome = await send();
      if (outcome.reused) reused++;
      if (kind.acted(outcome)) reached++;
      await target.client.removeToxic(target.proxy, 'probe');
    }
    return `reached ${reached}/${trials} (reused ${reused}/${trials})`;
  };

  const pinned = JSON.parse(readFileSync(`${root}.gauntlet/bin/versions.json`, 'utf8')) as {
    tools: Record<string, { version: string }>;
  };
  console.log(
    `Toxiproxy ${pinned.tools['toxiproxy-server']?.version} (${mode}), ${trials} trials per toxic kind, one kept-alive connection (node:http)`,
  );
  console.log(
    `${'toxic'.padEnd(32)} ${'added to the open connection'.padEnd(34)} added, then the proxy reset`,
  );
  for (const kind of KINDS) {
    if (kind.localOnly && mode !== 'local') continue;
    const plain = await run(kind, false);
    const reset = await run(kind, true);
    console.log(`${kind.name.padEnd(32)} ${plain.padEnd(34)} ${reset}`);
  }
  agent.destroy();
} finally {
  await target.stop();
}
