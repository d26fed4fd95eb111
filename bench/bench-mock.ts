// Benchmarks `gauntlet mock` against a bare node:http server answering the same bytes and against
// Prism, then measures startup on big contracts. A script, not a test: run `npm run bench:mock`
// (builds nothing: run `npm run build` first). Every process it starts is stopped by its PID.
//
//   npx tsx bench/bench-mock.ts [--duration 10] [--connections 50] [--warmup 3] [--rounds 3] [--autocannon]
//                              [--skip-prism] [--skip-startup] [--skip-load]
//
// On a shared machine req/s swing by 2× between runs: the servers are driven in turns, round
// after round, and the median round is reported. Two figures that load from other processes
// disturbs much less are printed too: the engine's own cost per request (in-process, no
// sockets) and the CPU time the mock process used until its first answer.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPaths } from '../src/adapters/fs/load-paths.js';
import { compile } from '../src/mock/compile.js';
import type { HttpOperation, Service } from '../src/model/index.js';
import { BIG_SPEC_OPERATIONS, writeBigSpec } from './fixtures/generate-big-spec.js';
import {
  RECURSIVE_SPEC_OPERATIONS,
  writeRecursiveSpec,
} from './fixtures/generate-recursive-spec.js';
import {
  type BenchProcess,
  driveLoad,
  freePort,
  HAS_TASKSET,
  type LoadResult,
  loadTool,
  ROOT,
  spawnServer,
  stopAll,
  stopProcess,
} from './harness.js';

const BIN = join(ROOT, 'bin/gauntlet.js');
const PETSTORE = join(ROOT, 'bench/fixtures/petstore.yaml');
const BIG_SPEC = join(ROOT, 'bench/fixtures/big-spec.json');
const RECURSIVE_SPEC = join(ROOT, 'bench/fixtures/recursive-spec.json');
const CORPUS_SPECS = join(ROOT, '../shared/corpus/specs');
const PRISM = join(ROOT, 'node_modules/.bin/prism');
const TARGET = '/pets/1';
const GOALS = { bare: 0.85, prism: 6, startupMs: 1000, rssGrowthMb: 10 };

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
    autocannon: { type: 'boolean', default: false },
    'skip-prism': { type: 'boolean', default: false },
    'skip-startup': { type: 'boolean', default: false },
    'skip-load': { type: 'boolean', default: false },
  },
});
const DURATION = Number(flags.duration);
const CONNECTIONS = Number(flags.connections);
const WARMUP = Number(flags.warmup);
const ROUNDS = Math.max(1, Number(flags.rounds));
const TOOL = loadTool(flags.autocannon === true);

/** Polls `url` until it answers 2xx; returns ms since the process was spawned. */
async function firstGoodAnswer(
  server: BenchProcess,
  url: string,
  headers: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`server exited: ${server.output()}`);
    try {
      const answer = await fetch(url, { headers });
      await answer.arrayBuffer();
      if (answer.status >= 200 && answer.status < 300) return performance.now() - server.startedAt;
      throw new Error(`answered ${answer.status}`);
    } catch (error) {
      const refused = (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
      if (!refused && !(error instanceof TypeError)) throw error;
      if (Date.now() > deadline)
        throw new Error(`no answer from ${url} in ${timeoutMs} ms: ${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

/** Waits for `ready` and the JSON line `gauntlet mock --json` prints. */
async function gauntletReady(server: BenchProcess, timeoutMs = 60_000): Promise<{ url: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = server
      .output()
      .split('\n')
      .find((l) => l.startsWith('{"ready":true'));
    if (line) return JSON.parse(line) as { url: string };
    if (server.child.exitCode !== null) throw new Error(`gauntlet exited: ${server.output()}`);
    if (Date.now() > deadline)
      throw new Error(`gauntlet not ready in ${timeoutMs} ms: ${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** A memory figure of a process from /proc/<pid>/status (Linux): VmHWM = peak, VmRSS = now. */
function rssMb(pid: number | undefined, field: 'VmHWM' | 'VmRSS'): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

function peakRssMb(pid: number | undefined): number | undefined {
  return rssMb(pid, 'VmHWM');
}

/** CPU time (user + system) a process has used, from /proc/<pid>/stat, in ms (Linux). */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime), counted after the name: indexes 11 and 12.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
/** USER_HZ: 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;

function drive(url: string, seconds: number): Promise<LoadResult> {
  return driveLoad(url, { seconds, connections: CONNECTIONS, tool: TOOL });
}

async function measure(name: string, url: string): Promise<LoadResult> {
  await drive(url, WARMUP);
  const result = await drive(url, DURATION);
  if (result.errors > 0 || result.non2xx > 0) {
    console.log(`  ! ${name}: ${result.errors} socket errors, ${result.non2xx} non-2xx answers`);
  }
  return result;
}

/**
 * The engine alone: `engine.handle` for GET /pets/1 with validation on, in this process, no
 * sockets, with the headers wrk and curl send (`Accept: *\/*`). Median of 5 half-second runs, in
 * ns per request.
 */
async function engineCost(): Promise<{ ns: number; coldMs: number }> {
  const [source] = await loadPaths([PETSTORE], { cwd: ROOT });
  if (!source?.service) throw new Error('petstore fixture did not load');
  // The built engine, as the server runs it (tsx-transformed source runs several times slower).
  const built = (await import(join(ROOT, 'dist/mock/compile.js'))) as { compile: typeof compile };
  const engine = built.compile([source.service], { validateRequests: 'on' });
  const headers = { host: '127.0.0.1:4010', 'user-agent': 'wrk', accept: '*/*' };
  const request = () => ({ method: 'GET', path: TARGET, query: '', headers });
  // The first request of an operation pays for what warm-up would have built.
  const cold = performance.now();
  engine.handle(request());
  const coldMs = performance.now() - cold;
  for (let i = 0; i < 100_000; i++) engine.handle(request());
  const rates: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    let n = 0;
    while (performance.now() - start < 500) {
      for (let i = 0; i < 1000; i++) engine.handle(request());
      n += 1000;
    }
    rates.push((performance.now() - start) / n);
  }
  rates.sort((a, b) => a - b);
  return { ns: rates[2]! * 1e6, coldMs };
}

/** The bytes `gauntlet mock` sends for GET /pets/1, computed with the same engine. */
async function expectedAnswer(): Promise<{ headers: Array<[string, string]>; body: string }> {
  const [source] = await loadPaths([PETSTORE], { cwd: ROOT });
  if (!source?.service)
    throw new Error(`petstore fixture did not load: ${JSON.stringify(source?.diagnostics)}`);
  const response = compile([source.service]).handle({
    method: 'GET',
    path: TARGET,
    query: '',
    headers: { host: 'localhost' },
  });
  if (response.status !== 200 || !response.body)
    throw new Error(`engine answered ${response.status}`);
  return { headers: response.headers, body: Buffer.from(response.body).toString('utf8') };
}

/** A bare node:http server written the way a hand-made stub would be: same status, headers, bytes. */
function bareServerSource(port: number, headers: Array<[string, string]>, body: string): string {
  const flat = headers.flat();
  return `
const http = require('node:http');
const body = Buffer.from(${JSON.stringify(body)});
const headers = ${JSON.stringify(flat)}.concat(['Content-Length', String(body.length)]);
http.createServer((req, res) => {
  if (req.url === ${JSON.stringify(TARGET)}) { res.writeHead(200, headers); res.end(body); }
  else { res.writeHead(404); res.end(); }
}).listen(${port}, '127.0.0.1');`;
}

function fmt(n: number, digits = 0): string {
  return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}

function row(name: string, r: LoadResult): string {
  return `  ${name.padEnd(22)} ${fmt(r.rps).padStart(9)} ${fmt(r.p50, 2).padStart(9)} ${fmt(r.p99, 2).padStart(9)}`;
}

function verdict(ok: boolean): string {
  return ok ? 'met' : 'MISSED';
}

/** Picks a GET operation a plain request can satisfy: no path variables, no required inputs. */
function simpleGet(service: Service): HttpOperation | undefined {
  return service.operations.find(
    (op) =>
      op.method === 'GET' &&
      !op.path.includes('{') &&
      op.parameters.every((p) => !p.required) &&
      op.responses.some((r) => r.status.startsWith('2')),
  );
}

/** A path for `operation` with each variable filled from its example, enum, default, or `1`. */
function fillPath(operation: HttpOperation): string {
  return operation.path.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
    const parameter = operation.parameters.find((p) => p.in === 'path' && p.name === name);
    const schema = typeof parameter?.schema === 'object' ? parameter.schema : {};
    const candidates = [
      parameter?.examples[0]?.value,
      (schema.enum as unknown[] | undefined)?.[0],
      schema.default,
      schema.example,
    ];
    const value = candidates.find((c) => typeof c === 'string' || typeof c === 'number');
    return encodeURIComponent(String(value ?? '1'));
  });
}

async function startup(file: string, label: string): Promise<void> {
  const [source] = await loadPaths([file], { cwd: ROOT });
  const service = source?.service;
  if (!service) {
    console.log(
      `  ${label}: does not load (${source?.diagnostics[0]?.message ?? 'no service'}), skipped`,
    );
    return;
  }
  const operation = simpleGet(service) ?? service.operations.find((op) => op.method === 'GET');
  if (!operation) {
    console.log(`  ${label}: no GET operation to ask for, skipped`);
    return;
  }
  const path = fillPath(operation);
  // Validation stays compiled (the startup cost is the same) but only warns: the point here is
  // the time to a served answer, not whether a made-up SID matches Twilio's patterns.
  // Started in an empty folder, as `prism mock spec.yaml` would be: a gauntlet.config.ts in the
  // working folder is loaded through tsx, which adds ~0.4 s of its own.
  const cwd = mkdtempSync(join(tmpdir(), 'gauntlet-bench-'));
  const server = spawnServer(
    process.execPath,
    [BIN, 'mock', file, '--port', '0', '--json', '--validate', 'warn'],
    cwd,
  );
  try {
    const { url } = await gauntletReady(server);
    const ready = performance.now() - server.startedAt;
    const readyCpu = cpuMs(server.child.pid);
    // Basic credentials satisfy contracts that declare HTTP basic or bearer-less security.
    const ms = await firstGoodAnswer(
      server,
      `${url}${path}`,
      { authorization: 'Basic dXNlcjpwYXNz' },
      10_000,
    ).catch((error: Error) => {
      console.log(`  ${label}: GET ${path} did not answer 2xx (${error.message.split('\n')[0]})`);
      return Number.NaN;
    });
    const firstCpu = cpuMs(server.child.pid);
    const size = statSync(file).size;
    const rss = peakRssMb(server.child.pid);
    console.log(
      `  ${label} — ${(size / 1e6).toFixed(2)} MB, ${service.operations.length} operations\n` +
        `    ready ${fmt(ready)} ms (CPU ${fmt(readyCpu ?? Number.NaN)} ms)   first 2xx ${fmt(ms)} ms (CPU ${fmt(firstCpu ?? Number.NaN)} ms)   goal ≤ ${GOALS.startupMs} ms: ${verdict(ms <= GOALS.startupMs)}   peak RSS ${fmt(rss ?? Number.NaN)} MB`,
    );
  } finally {
    await stopProcess(server.child);
    rmSync(cwd, { recursive: true, force: true });
  }
}

function largestCorpusSpec(): string | undefined {
  if (!existsSync(CORPUS_SPECS)) return undefined;
  let best: { file: string; size: number } | undefined;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ya?ml|json)$/.test(entry.name)) {
        const size = statSync(full).size;
        if (!best || size > best.size) best = { file: full, size };
      }
    }
  };
  walk(CORPUS_SPECS);
  return best?.file;
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist/cli/commands/mock.js'))) {
    console.error('[gauntlet] dist/ is missing or stale: run `npm run build` first.');
    process.exitCode = 2;
    return;
  }
  const tool = TOOL === 'wrk' ? 'wrk -t1' : 'autocannon';
  console.log(
    `gauntlet mock benchmark — GET ${TARGET} of bench/fixtures/petstore.yaml, ${tool} -c ${CONNECTIONS}, ${DURATION} s after a ${WARMUP} s warm-up${HAS_TASKSET ? ', server on core 0, load on core 1' : ''}`,
  );
  const cost = await engineCost();
  console.log(
    `  engine alone (in-process, validation on): ${fmt(cost.ns)} ns per GET ${TARGET} (${fmt(1e9 / cost.ns / 1000)}k req/s on one core); first request ${fmt(cost.coldMs, 2)} ms`,
  );
  if (flags['skip-load']) {
    await startupSection();
    return;
  }
  const expected = await expectedAnswer();
  const results: Record<string, LoadResult> = {};
  let gauntletRss: number | undefined;
  let rssBefore: number | undefined;
  let rssAfter: number | undefined;

  // The three servers are started first and stay idle while another is under load; each round
  // drives them one after the other, so a burst of noise on a shared machine hits one round of
  // each rather than one server. With --rounds > 1 the median round (by req/s) is reported.
  const servers: Array<{ key: 'bare' | 'gauntlet' | 'prism'; server: BenchProcess; url: string }> =
    [];
  try {
    const barePort = await freePort();
    const bare = spawnServer(process.execPath, [
      '-e',
      bareServerSource(barePort, expected.headers, expected.body),
    ]);
    const bareUrl = `http://127.0.0.1:${barePort}${TARGET}`;
    await firstGoodAnswer(bare, bareUrl);
    servers.push({ key: 'bare', server: bare, url: bareUrl });

    const gauntlet = spawnServer(process.execPath, [
      BIN,
      'mock',
      PETSTORE,
      '--port',
      '0',
      '--json',
    ]);
    const { url } = await gauntletReady(gauntlet);
    const check = await fetch(`${url}${TARGET}`);
    const body = await check.text();
    if (body !== expected.body) throw new Error(`gauntlet answered ${check.status} ${body}`);
    servers.push({ key: 'gauntlet', server: gauntlet, url: `${url}${TARGET}` });

    if (!flags['skip-prism'] && existsSync(PRISM)) {
      const prismPort = await freePort();
      const prism = spawnServer(PRISM, [
        'mock',
        '-h',
        '127.0.0.1',
        '-p',
        String(prismPort),
        '-v',
        'silent',
        PETSTORE,
      ]);
      const prismUrl = `http://127.0.0.1:${prismPort}${TARGET}`;
      const ms = await firstGoodAnswer(prism, prismUrl);
      console.log(`  (prism answered its first request ${fmt(ms)} ms after spawn)`);
      servers.push({ key: 'prism', server: prism, url: prismUrl });
    }

    const rounds: Record<string, LoadResult[]> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const { key, url: target } of servers) {
        if (round === 0) await drive(target, WARMUP);
        // Memory under sustained load: RSS once warmed up, and again after every measured round.
        if (key === 'gauntlet' && round === 0) rssBefore = rssMb(gauntlet.child.pid, 'VmRSS');
        const result = await measure(key, target);
        if (key === 'gauntlet') rssAfter = rssMb(gauntlet.child.pid, 'VmRSS');
        rounds[key] = [...(rounds[key] ?? []), result];
        if (ROUNDS > 1)
          console.log(`  round ${round + 1} ${key.padEnd(8)} ${fmt(result.rps).padStart(7)} req/s`);
      }
    }
    for (const [key, list] of Object.entries(rounds)) {
      const sorted = [...list].sort((x, y) => x.rps - y.rps);
      results[key] = sorted[Math.floor(sorted.length / 2)]!;
    }
    gauntletRss = peakRssMb(gauntlet.child.pid);
  } finally {
    for (const { server } of servers) await stopProcess(server.child);
  }

  console.log(
    `\n  ${'server'.padEnd(22)} ${'req/s'.padStart(9)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)}`,
  );
  if (results.bare) console.log(row('bare node:http', results.bare));
  if (results.gauntlet) console.log(row('gauntlet mock', results.gauntlet));
  if (results.prism) console.log(row('prism mock -v silent', results.prism));
  console.log('');
  if (results.gauntlet && results.bare) {
    const ratio = results.gauntlet.rps / results.bare.rps;
    console.log(
      `  gauntlet/bare   ${ratio.toFixed(2)}×   goal ≥ ${GOALS.bare}×  ${verdict(ratio >= GOALS.bare)}`,
    );
  }
  if (results.gauntlet && results.prism) {
    const ratio = results.gauntlet.rps / results.prism.rps;
    console.log(
      `  gauntlet/prism  ${ratio.toFixed(1)}×   goal ≥ ${GOALS.prism}×  ${verdict(ratio >= GOALS.prism)}`,
    );
  }
  console.log(`  gauntlet peak RSS under load: ${fmt(gauntletRss ?? Number.NaN)} MB`);
  if (rssBefore !== undefined && rssAfter !== undefined) {
    const growth = rssAfter - rssBefore;
    console.log(
      `  gauntlet RSS before/after ${ROUNDS} × ${DURATION} s of load: ${fmt(rssBefore)} → ${fmt(rssAfter)} MB (${growth >= 0 ? '+' : ''}${fmt(growth, 1)} MB; goal: flat, < +${GOALS.rssGrowthMb} MB: ${verdict(growth < GOALS.rssGrowthMb)})`,
    );
  }
  await startupSection();
}

async function startupSection(): Promise<void> {
  if (flags['skip-startup']) return;
  console.log('\nstartup: process spawn → `ready` → first 2xx answer (--validate warn)');
  const corpus = largestCorpusSpec();
  if (corpus) await startup(corpus, relative(join(ROOT, '..'), corpus));
  else console.log('  ../shared/corpus/specs not found: corpus startup skipped');
  if (!existsSync(BIG_SPEC)) writeBigSpec(BIG_SPEC);
  await startup(BIG_SPEC, `bench/fixtures/big-spec.json (${BIG_SPEC_OPERATIONS} operations)`);
  // Written every run (deterministic, ~1 s): a copy left by an older generator would mislead.
  writeRecursiveSpec(RECURSIVE_SPEC);
  await startup(
    RECURSIVE_SPEC,
    `bench/fixtures/recursive-spec.json (${RECURSIVE_SPEC_OPERATIONS} operations, schemas in cycles)`,
  );
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  })
  .finally(stopAll);
