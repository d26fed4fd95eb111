// Benchmarks the stub engines of `gauntlet mock`: (a) a pact of 5 interactions, (b) a pact of 5,000
// generated interactions with the request matching the last one, (c) Hoverfly simulations of 5
// and 5,000 pairs, matching the last pair, served by Gauntlet and (d) the same files served by the
// real Hoverfly (`gauntlet setup` installs it). Prints req/s, p99 latency and the ratios (goals:
// b/a ≥ 0.8; Gauntlet ≥ Hoverfly). A script, not a test. Every process it starts is stopped by
// its PID. `--only hoverfly` runs (c) and (d) alone.
//
//   npx tsx bench/bench-stubs.ts [--duration 10] [--connections 50] [--warmup 3] [--autocannon] [--only hoverfly]
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startMock } from '../src/adapters/http/start-mock.js';
import { findTool } from '../src/adapters/tools/find-tool.js';
import {
  driveLoad,
  freePort,
  type LoadResult,
  loadTool,
  ROOT,
  spawnServer,
  stopAll,
  stopProcess,
} from './harness.js';

const SELF = fileURLToPath(import.meta.url);
const GOAL = 0.8;

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '3' },
    autocannon: { type: 'boolean', default: false },
    only: { type: 'string' },
    serve: { type: 'string' },
    port: { type: 'string' },
  },
});

function pact(count: number): unknown {
  return {
    consumer: { name: 'bench-consumer' },
    provider: { name: 'bench-provider' },
    interactions: Array.from({ length: count }, (_, i) => ({
      description: `get item ${i}`,
      request: { method: 'GET', path: `/items/${i}` },
      response: {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
        body: { id: i, name: `item ${i}`, tags: ['a', 'b'] },
      },
    })),
    metadata: { pactSpecification: { version: '3.0.0' } },
  };
}

function simulation(count: number): unknown {
  return {
    data: {
      pairs: Array.from({ length: count }, (_, i) => ({
        request: {
          method: [{ matcher: 'exact', value: 'GET' }],
          path: [{ matcher: 'exact', value: `/items/${i}` }],
        },
        response: {
          status: 200,
          body: JSON.stringify({ id: i, name: `item ${i}`, tags: ['a', 'b'] }),
          encodedBody: false,
          headers: { 'Content-Type': ['application/json'] },
          templated: false,
        },
      })),
      globalActions: { delays: [], delaysLogNormal: [] },
    },
    meta: { schemaVersion: 'v5.3' },
  };
}

async function startServer(command: string, args: string[], url: string): Promise<ChildProcess> {
  const { child, output: printed } = spawnServer(command, args);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${printed()}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return child;
      throw new Error(`${url} answered ${res.status}: ${printed()}`);
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      if (Date.now() > deadline) throw new Error(`no answer from ${url}: ${printed()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

const shown = (label: string, load: LoadResult): string =>
  `${label.padEnd(48)} ${load.rps.toFixed(0).padStart(8)} req/s  p99 ${load.p99.toFixed(2).padStart(7)} ms  (non-2xx ${load.non2xx})`;

function drive(url: string, seconds: number, connections: number): Promise<LoadResult> {
  return driveLoad(url, { seconds, connections, tool: loadTool(flags.autocannon === true) });
}

async function main(): Promise<void> {
  const duration = Number(flags.duration);
  const connections = Number(flags.connections);
  const warmup = Number(flags.warmup);
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-bench-stubs-'));
  const files = {
    a: join(dir, 'pact-5.json'),
    b: join(dir, 'pact-5000.json'),
    c5: join(dir, 'hoverfly-5.json'),
    c: join(dir, 'hoverfly-5000.json'),
  };
  writeFileSync(files.a, JSON.stringify(pact(5)));
  writeFileSync(files.b, JSON.stringify(pact(5000)));
  writeFileSync(files.c5, JSON.stringify(simulation(5)));
  writeFileSync(files.c, JSON.stringify(simulation(5000)));
  const targets = { a: '/items/4', b: '/items/4999', c5: '/items/4', c: '/items/4999' };
  const onlyHoverfly = flags.only === 'hoverfly';
  const tool = loadTool(flags.autocannon === true);
  console.log(
    `load: ${tool} -c ${connections} -d ${duration}s after ${warmup}s warm-up; servers pinned to core 0`,
  );

  const results: Record<string, LoadResult> = {};
  const gauntlet = async (key: 'a' | 'b' | 'c5' | 'c', label: string) => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}${targets[key]}`;
    const child = await startServer(
      process.execPath,
      ['--import', 'tsx', SELF, '--serve', files[key], '--port', String(port)],
      url,
    );
    try {
      if (warmup > 0) await drive(url, warmup, connections);
      results[key] = await drive(url, duration, connections);
      console.log(shown(label, results[key]));
    } finally {
      await stopProcess(child);
    }
  };
  try {
    if (!onlyHoverfly) {
      await gauntlet('a', '(a) gauntlet: pact, 5 interactions');
      await gauntlet('b', '(b) gauntlet: pact, 5,000 interactions, last');
      const ratio = (results.b?.rps ?? 0) / (results.a?.rps ?? 1);
      console.log(
        `ratio (b)/(a) = ${ratio.toFixed(2)} (goal ≥ ${GOAL}) ${ratio >= GOAL ? 'OK' : 'MISSED'}`,
      );
    }
    await gauntlet('c5', '(c) gauntlet: hoverfly, 5 pairs, last');
    await gauntlet('c', '(c) gauntlet: hoverfly, 5,000 pairs, last');
    if (!onlyHoverfly)
      console.log(
        `ratio (c 5,000)/(a) = ${((results.c?.rps ?? 0) / (results.a?.rps ?? 1)).toFixed(2)}`,
      );

    const hoverfly = await findTool('hoverfly', { projectRoot: ROOT });
    if (!hoverfly) {
      console.log(
        '(d) real Hoverfly: not run — hoverfly is not installed; run `npx gauntlet setup --only hoverfly`. Gauntlet vs Hoverfly: unknown.',
      );
    } else {
      for (const [key, label] of [
        ['c5', '(d) hoverfly: 5 pairs, last'],
        ['c', '(d) hoverfly: 5,000 pairs, last'],
      ] as const) {
        const port = await freePort();
        const admin = await freePort();
        const url = `http://127.0.0.1:${port}${targets[key]}`;
        const child = await startServer(
          hoverfly.path,
          ['-webserver', '-pp', String(port), '-ap', String(admin), '-import', files[key]],
          url,
        );
        try {
          if (warmup > 0) await drive(url, warmup, connections);
          const d = await drive(url, duration, connections);
          const g = results[key];
          console.log(shown(label, d));
          console.log(
            `  gauntlet / hoverfly: req/s ${((g?.rps ?? 0) / d.rps).toFixed(2)} (goal ≥ 1), p99 ${((g?.p99 ?? 0) / d.p99).toFixed(2)} (lower is better)`,
          );
        } finally {
          await stopProcess(child);
        }
      }
    }
  } finally {
    stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

// Child mode: serve one contract on a port and report readiness.
if (flags.serve !== undefined) {
  const mock = await startMock({
    contracts: [flags.serve],
    port: Number(flags.port),
    validateRequests: 'off',
    warn: () => undefined,
  });
  console.log(JSON.stringify({ ready: true, url: mock.url }));
  process.on('SIGTERM', () => {
    void mock.close().then(() => process.exit(0));
  });
} else {
  await main();
}
