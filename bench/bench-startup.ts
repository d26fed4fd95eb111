// Startup benchmark: how long `gauntlet mock SPEC` takes from process spawn to its `ready` line,
// and to its first answer, on the largest contract we have: the ~4 MB, 468-operation recursive
// spec of bench/fixtures/generate-recursive-spec.ts (the shape of the largest real API measured in
// the fidelity issue), and the largest spec of ../shared/corpus/specs. A script, not a test.
//
//   npx tsx bench/bench-startup.ts [--runs 7] [--baseline /path/to/other/checkout] [--spec FILE]...
//                                  [--warm-up-tasks N]   (N tasks of the background warm-up, timed)
//
// With --baseline (another checkout of Gauntlet, built: e.g. `git worktree add /tmp/base main &&
// cd /tmp/base && cp -al ../…/node_modules . && npm run build`), both are started in turns, run
// after run, so a burst of load on a shared machine hits both alike; medians are compared. Each
// figure: wall time to `ready`, CPU time (user + system) the process used until then, and peak
// RSS (VmHWM) at `ready`. The machine's load average is printed with them: wall times on a
// machine with more runnable processes than cores measure the queue, CPU times much less so.
// A phase breakdown (module loading, parsing, normalising, compiling, the first answer) follows.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import {
  RECURSIVE_SPEC_OPERATIONS,
  writeRecursiveSpec,
} from './fixtures/generate-recursive-spec.js';
import { ROOT, spawnServer, stopProcess } from './harness.js';

const RECURSIVE_SPEC = join(ROOT, 'bench/fixtures/recursive-spec.json');
const CORPUS_SPECS = join(ROOT, '../shared/corpus/specs');
const GOAL_MS = 1000;

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    baseline: { type: 'string' },
    spec: { type: 'string', multiple: true },
    'warm-up-tasks': { type: 'string', default: '0' },
  },
});
const RUNS = Math.max(1, Number(flags.runs));

interface Sample {
  readyMs: number;
  readyCpuMs: number;
  readyRssMb: number;
  firstMs: number;
  /** Status of the first answer (a 5xx is reported, not hidden: the baseline may have one). */
  status: number;
}

function procStatus(pid: number): { cpuMs: number; peakRssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime (fields 14, 15 of stat) in clock ticks of 10 ms.
  const cpuMs = (Number(fields[11]) + Number(fields[12])) * 10;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const peakRssMb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
  return { cpuMs, peakRssMb };
}

/** A GET path with no variables and no required parameters (JSON or YAML: yaml reads both). */
function firstPath(spec: string): string {
  const value = parse(readFileSync(spec, 'utf8'), { maxAliasCount: -1 }) as {
    paths?: Record<string, Record<string, { parameters?: Array<{ required?: boolean }> }>>;
  };
  for (const [path, item] of Object.entries(value.paths ?? {})) {
    const get = item.get;
    if (get && !path.includes('{') && !(get.parameters ?? []).some((p) => p.required)) return path;
  }
  return '/';
}

/** Starts `bin mock spec`, waits for `ready` and a first answer, stops it by its PID. */
async function once(bin: string, spec: string, path: string): Promise<Sample> {
  const cwd = mkdtempSync(join(tmpdir(), 'gauntlet-startup-'));
  const server = spawnServer(
    process.execPath,
    [bin, 'mock', spec, '--port', '0', '--json', '--validate', 'warn'],
    cwd,
  );
  const { child, startedAt: started } = server;
  try {
    const ready = await new Promise<{ url: string; ms: number; cpuMs: number; rss: number }>(
      (done, fail) => {
        const onData = (): void => {
          const line = server
            .output()
            .split('\n')
            .find((l) => l.startsWith('{"ready":true'));
          if (line === undefined) return;
          const ms = performance.now() - started;
          const { cpuMs, peakRssMb } = procStatus(child.pid!);
          child.stdout!.off('data', onData);
          done({ url: (JSON.parse(line) as { url: string }).url, ms, cpuMs, rss: peakRssMb });
        };
        child.stdout!.on('data', onData);
        child.once('exit', () =>
          fail(new Error(`gauntlet exited before ready: ${server.output()}`)),
        );
      },
    );
    const answer = await fetch(`${ready.url}${path}`);
    await answer.arrayBuffer();
    const firstMs = performance.now() - started;
    return {
      readyMs: ready.ms,
      readyCpuMs: ready.cpuMs,
      readyRssMb: ready.rss,
      firstMs,
      status: answer.status,
    };
  } finally {
    await stopProcess(child);
    rmSync(cwd, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function summary(samples: Sample[]): Sample {
  return {
    readyMs: median(samples.map((s) => s.readyMs)),
    readyCpuMs: median(samples.map((s) => s.readyCpuMs)),
    readyRssMb: median(samples.map((s) => s.readyRssMb)),
    firstMs: median(samples.map((s) => s.firstMs)),
    status: Math.max(...samples.map((s) => s.status)),
  };
}

const fmt = (n: number): string => n.toFixed(0);
const load = (): string =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');

function row(label: string, s: Sample): string {
  return `    ${label.padEnd(9)} ready ${fmt(s.readyMs).padStart(5)} ms (CPU ${fmt(s.readyCpuMs).padStart(4)} ms)   first answer ${fmt(s.firstMs).padStart(5)} ms (${s.status})   peak RSS at ready ${fmt(s.readyRssMb).padStart(4)} MB`;
}

function largestCorpusSpec(): string | undefined {
  if (!existsSync(CORPUS_SPECS)) return undefined;
  let best: { file: string; size: number } | undefined;
  for (const entry of readdirSync(CORPUS_SPECS, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(ya?ml|json)$/.test(entry.name)) continue;
    const file = join(entry.parentPath, entry.name);
    const size = statSync(file).size;
    if (!best || size > best.size) best = { file, size };
  }
  return best?.file;
}

/**
 * Where the time before `ready` goes, measured with the built dist/ in a fresh plain `node`
 * (this script runs under tsx, whose loader would slow the imports): loading the mock command's
 * modules, reading and parsing the file, normalising it into the model ($refs, schema
 * conversion), compiling the engine (router, operations; validators are deferred), then what
 * runs after `ready`: the first answer of the first GET, and (--warm-up-tasks N) the first N tasks
 * of the background warm-up.
 */
const PHASES = `
const [spec, root, path, tasks] = process.argv.slice(1);
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const timed = async (label, fn) => {
  const start = cpu();
  const value = await fn();
  console.log('    ' + label.padEnd(52) + (cpu() - start).toFixed(0).padStart(6) + ' ms CPU');
  return value;
};
const dist = (p) => new URL('dist/' + p, 'file://' + root + '/').href;
await timed('import dist/cli/commands/mock.js (all modules)', () => import(dist('cli/commands/mock.js')));
const { readFile } = await import('node:fs/promises');
const text = await timed('read the file', () => readFile(spec, 'utf8'));
const { parse: parseYaml } = await import('yaml');
await timed('parse alone (JSON.parse; yaml for YAML)', () =>
  text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: -1 }));
const { loadSource } = await import(dist('formats/load-source.js'));
const source = await timed('loadSource: parse, $refs, normalise', () =>
  loadSource(spec, text, { readFile: (p) => readFile(p, 'utf8') }));
const { compile } = await import(dist('mock/compile.js'));
const engine = await timed('compile: routes, operations (work deferred)', () =>
  compile([source.service], { validateRequests: 'warn' }));
console.log('    ---- ready ----');
await timed('first answer: GET ' + path, () =>
  engine.handle({ method: 'GET', path, query: '', headers: { host: 'localhost' } }));
const slices = Number(tasks ?? 0);
if (slices > 0) {
  const rss = () => (process.memoryUsage.rss() / 1e6).toFixed(0);
  console.log('    RSS before the warm-up: ' + rss() + ' MB');
  await timed('warm-up: ' + slices + ' tasks (background, after ready)', () => {
    // One task per call (keepGoing false): an operation's validators or its default answer.
    for (let i = 0; i < slices; i++) if (!engine.warmUp(() => false)) break;
  });
  console.log('    RSS after: ' + rss() + ' MB');
}
`;

async function phases(spec: string, path: string): Promise<void> {
  console.log(`  phases, in a fresh node process (${relative(ROOT, spec)}):`);
  const phase = spawnServer(process.execPath, [
    '--input-type=module',
    '-e',
    PHASES,
    spec,
    ROOT,
    path,
    flags['warm-up-tasks'] ?? '0',
  ]);
  const code = await new Promise<number | null>((done) => phase.child.once('exit', done));
  process.stdout.write(phase.output());
  if (code !== 0) throw new Error(`the phase breakdown exited with ${code}`);
}

async function main(): Promise<void> {
  const current = join(ROOT, 'bin/gauntlet.js');
  if (!existsSync(join(ROOT, 'dist/cli/commands/mock.js'))) {
    console.error('[gauntlet] dist/ is missing: run `npm run build` first.');
    process.exitCode = 2;
    return;
  }
  const baseline = flags.baseline ? join(resolve(flags.baseline), 'bin/gauntlet.js') : undefined;
  if (baseline && !existsSync(join(resolve(flags.baseline!), 'dist/cli/commands/mock.js'))) {
    console.error(`[gauntlet] ${flags.baseline} has no dist/: build it first.`);
    process.exitCode = 2;
    return;
  }
  // Written every run (deterministic, ~1 s): a copy left by an older generator would mislead.
  writeRecursiveSpec(RECURSIVE_SPEC);
  const specs = flags.spec?.map((s) => resolve(s)) ?? [
    RECURSIVE_SPEC,
    ...[largestCorpusSpec()].filter((s): s is string => s !== undefined),
  ];
  console.log(
    `gauntlet mock startup — ${RUNS} runs each${baseline ? `, baseline ${flags.baseline} in turns` : ''}; load average ${load()}`,
  );
  for (const spec of specs) {
    const size = statSync(spec).size;
    const path = firstPath(spec);
    const label =
      spec === RECURSIVE_SPEC
        ? `bench/fixtures/recursive-spec.json (${RECURSIVE_SPEC_OPERATIONS} operations, schemas in cycles)`
        : relative(ROOT, spec);
    console.log(`\n  ${label} — ${(size / 1e6).toFixed(2)} MB, GET ${path}`);
    const now: Sample[] = [];
    const before: Sample[] = [];
    for (let run = 0; run < RUNS; run++) {
      if (baseline) before.push(await once(baseline, spec, path));
      now.push(await once(current, spec, path));
    }
    if (baseline) console.log(row('baseline', summary(before)));
    const after = summary(now);
    console.log(row('this', after));
    if (baseline) {
      const b = summary(before);
      console.log(
        `    this/baseline: ready ×${(after.readyMs / b.readyMs).toFixed(2)}, CPU ×${(after.readyCpuMs / b.readyCpuMs).toFixed(2)}, peak RSS ×${(after.readyRssMb / b.readyRssMb).toFixed(2)}`,
      );
    }
    console.log(
      `    goal ready ≤ ${GOAL_MS} ms: ${after.readyMs <= GOAL_MS ? 'met' : 'MISSED'} (median wall); load average now ${load()}`,
    );
    await phases(spec, path);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
