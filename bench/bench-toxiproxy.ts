// Toxiproxy's overhead on this machine: the example inventory answered directly, through an
// untoxic Toxiproxy proxy, and through a bare TCP pipe in its own Node process (one extra
// loopback hop through another process, and nothing else), interleaved in rounds in one run (same process, same keep-alive client per
// path), so every column shares the machine's noise. Prints p50/p99 per path, the latency each
// hop adds, and the load average before and after. Toxiproxy promises < 100 µs added; the pipe
// column says how much of what it adds any extra hop costs on this machine.
//
//   npx tsx bench/bench-toxiproxy.ts [requests-per-path=4000]
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { loadConfig } from '../src/adapters/config/load-config.js';
import { freePort } from '../src/adapters/process/free-port.js';
import { localToxiproxy } from '../src/adapters/toxiproxy/backend.js';
import { startService } from '../src/system/start-service.js';

const perPath = Number(process.argv[2] ?? 4000);
const root = new URL('..', import.meta.url).pathname;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const loadBefore = load();
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
const direct = new URL(inventory.url);
// The same hop as Toxiproxy's, with nothing in it: accept, connect upstream, pipe both ways — in
// its own process, as Toxiproxy is, so it pays the same cross-process scheduling.
const PIPE = `
const net = require('node:net');
const server = net.createServer((client) => {
  const upstream = net.createConnection({ host: '127.0.0.1', port: Number(process.argv[1]) });
  client.setNoDelay(true);
  upstream.setNoDelay(true);
  client.pipe(upstream).pipe(client);
  const close = () => { client.destroy(); upstream.destroy(); };
  client.on('error', close);
  upstream.on('error', close);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;
const pipe = spawn(process.execPath, ['-e', PIPE, direct.port], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const pipePort = await new Promise<number>((resolve, reject) => {
  pipe.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  pipe.once('exit', (code) => reject(new Error(`the pipe process exited (${code})`)));
});

type Path = 'direct' | 'toxiproxy' | 'pipe';
try {
  const [proxy] = await toxiproxy.client.populate([
    { name: 'bench_to_inventory', listen: '127.0.0.1:0', upstream: `127.0.0.1:${direct.port}` },
  ]);
  const ports: Record<Path, number> = {
    direct: Number(direct.port),
    toxiproxy: Number(new URL(`http://${proxy!.listen}`).port),
    pipe: pipePort,
  };
  // One kept-alive connection per path, so no path pays for connecting.
  const agents: Record<Path, Agent> = {
    direct: new Agent({ keepAlive: true, maxSockets: 1 }),
    toxiproxy: new Agent({ keepAlive: true, maxSockets: 1 }),
    pipe: new Agent({ keepAlive: true, maxSockets: 1 }),
  };
  const sockets: Record<Path, Set<unknown>> = {
    direct: new Set(),
    toxiproxy: new Set(),
    pipe: new Set(),
  };

  const once = (path: Path): Promise<number> =>
    new Promise((resolve, reject) => {
      const start = process.hrtime.bigint();
      const req = request(
        {
          host: '127.0.0.1',
          port: ports[path],
          path: '/stock/abc',
          agent: agents[path],
          headers: { accept: 'application/json' },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(Number(process.hrtime.bigint() - start) / 1000));
        },
      );
      req.on('socket', (socket) => sockets[path].add(socket));
      req.on('error', reject);
      req.end();
    });

  const paths: Path[] = ['direct', 'toxiproxy', 'pipe'];
  // Warm up every path (JIT, connections, the service's first requests).
  for (let i = 0; i < 300; i++) for (const path of paths) await once(path);
  const times: Record<Path, number[]> = { direct: [], toxiproxy: [], pipe: [] };
  const round = 100;
  for (let done = 0, r = 0; done < perPath; done += round, r++) {
    // Rotate which path goes first, so none gets the warmer slot.
    const order = [...paths.slice(r % 3), ...paths.slice(0, r % 3)];
    for (const path of order) {
      for (let i = 0; i < round; i++) times[path].push(await once(path));
    }
  }
  const pct = (values: number[], p: number): number => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  };
  const us = (n: number) => `${n.toFixed(0).padStart(7)} µs`;
  const row = (name: string, values: number[]) =>
    `${name.padEnd(30)} ${us(pct(values, 50))} ${us(pct(values, 99))}`;
  const added = (path: Path, p: number) => pct(times[path], p) - pct(times.direct, p);
  console.log(
    `GET /stock/abc on the example inventory, ${perPath} requests per path, one kept-alive connection per path, sequential`,
  );
  console.log(`load average before: ${loadBefore}, after: ${load()}`);
  console.log(
    `connections used per path: ${paths.map((p) => `${p} ${sockets[p].size}`).join(', ')}`,
  );
  console.log(`${'path'.padEnd(30)} ${'p50'.padStart(10)} ${'p99'.padStart(10)}`);
  console.log(row('direct', times.direct));
  console.log(row('through untoxic Toxiproxy', times.toxiproxy));
  console.log(row('through a bare Node TCP pipe', times.pipe));
  const sign = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(0)} µs`;
  console.log(
    `added by Toxiproxy:  p50 ${sign(added('toxiproxy', 50))}, p99 ${sign(added('toxiproxy', 99))} (promise: < 100 µs)`,
  );
  console.log(
    `added by the pipe:   p50 ${sign(added('pipe', 50))}, p99 ${sign(added('pipe', 99))} (any extra loopback hop on this machine)`,
  );
  console.log(
    `Toxiproxy − pipe:    p50 ${sign(pct(times.toxiproxy, 50) - pct(times.pipe, 50))}, p99 ${sign(pct(times.toxiproxy, 99) - pct(times.pipe, 99))}`,
  );
  for (const agent of Object.values(agents)) agent.destroy();
} finally {
  pipe.kill();
  await toxiproxy.stop();
  await inventory.stop();
}
