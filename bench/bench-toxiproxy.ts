// Toxiproxy's overhead on this machine: the example inventory answered directly and through an
// untoxic Toxiproxy proxy, interleaved in rounds in one run (same process, same keep-alive
// client), so both columns share the machine's noise. Prints p50/p99 per path and the added
// latency. Toxiproxy promises < 100 µs added.
//
//   npx tsx bench/bench-toxiproxy.ts [requests-per-path=4000]
import { Agent, request } from 'node:http';
import { loadConfig } from '../src/adapters/config/load-config.js';
import { freePort } from '../src/adapters/process/free-port.js';
import { localToxiproxy } from '../src/adapters/toxiproxy/backend.js';
import { startService } from '../src/system/start-service.js';

const perPath = Number(process.argv[2] ?? 4000);
const root = new URL('..', import.meta.url).pathname;
const config = await loadConfig(root);
const inventory = await startService({
  cwd: root,
  env: process.env,
  name: 'inventory',
  service: config.services!.inventory!,
  port: await freePort(),
  dependencyUrls: {},
});
const toxiproxy = await localToxiproxy({ cwd: root, env: process.env }).start();

try {
  const direct = new URL(inventory.url);
  const [proxy] = await toxiproxy.client.populate([
    { name: 'bench_to_inventory', listen: '127.0.0.1:0', upstream: `127.0.0.1:${direct.port}` },
  ]);
  const proxied = new URL(`http://${proxy!.listen}`);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });

  const once = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const start = process.hrtime.bigint();
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/stock/abc',
          agent,
          headers: { accept: 'application/json' },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(Number(process.hrtime.bigint() - start) / 1000));
        },
      );
      req.on('error', reject);
      req.end();
    });

  const ports = { direct: Number(direct.port), proxied: Number(proxied.port) };
  // Warm up both paths (JIT, connections, the service's first requests).
  for (let i = 0; i < 300; i++) {
    await once(ports.direct);
    await once(ports.proxied);
  }
  const times: Record<'direct' | 'proxied', number[]> = { direct: [], proxied: [] };
  const round = 100;
  for (let done = 0; done < perPath; done += round) {
    // Alternate which path goes first, so neither gets the warmer slot.
    const order =
      (done / round) % 2 === 0
        ? (['direct', 'proxied'] as const)
        : (['proxied', 'direct'] as const);
    for (const path of order) {
      for (let i = 0; i < round; i++) times[path].push(await once(ports[path]));
    }
  }
  const pct = (values: number[], p: number): number => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  };
  const row = (name: string, values: number[]) =>
    `${name.padEnd(26)} ${pct(values, 50).toFixed(0).padStart(7)} µs ${pct(values, 99).toFixed(0).padStart(7)} µs`;
  console.log(
    `GET /stock/abc on the example inventory, ${perPath} requests per path, keep-alive, sequential`,
  );
  console.log(`${'path'.padEnd(26)} ${'p50'.padStart(10)} ${'p99'.padStart(10)}`);
  console.log(row('direct', times.direct));
  console.log(row('through untoxic Toxiproxy', times.proxied));
  const added50 = pct(times.proxied, 50) - pct(times.direct, 50);
  const added99 = pct(times.proxied, 99) - pct(times.direct, 99);
  console.log(
    `added by Toxiproxy: p50 +${added50.toFixed(0)} µs (×${(pct(times.proxied, 50) / pct(times.direct, 50)).toFixed(2)}), p99 +${added99.toFixed(0)} µs (promise: < 100 µs)`,
  );
  agent.destroy();
} finally {
  await toxiproxy.stop();
  await inventory.stop();
}
