// What the HTTP benchmarks share: servers beside a load generator. Every process they spawn is
// tracked and killed by its PID on exit or Ctrl-C, servers and generator are pinned to a core
// each (taskset, where installed), each process's output is kept for error messages, and the
// load comes from wrk (Debian package `wrk`) when installed, else autocannon (a devDependency).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export { freePort } from '../src/adapters/process/free-port.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

const started = new Set<ChildProcess>();

/** Kills every process still running that a benchmark spawned (SIGKILL, by PID). */
export function stopAll(): void {
  for (const child of started) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  started.clear();
}
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}

export const HAS_TASKSET = existsSync('/usr/bin/taskset');

/** `command args` run on `core` when taskset is there (servers on 0, the generator on 1). */
export function pinned(core: number, command: string, args: string[]): [string, string[]] {
  return HAS_TASKSET ? ['taskset', ['-c', String(core), command, ...args]] : [command, args];
}

export interface BenchProcess {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output: () => string;
  /** performance.now() just before the spawn. */
  startedAt: number;
}

/** Spawns a server pinned to core 0, tracked for stopAll, its output kept. */
export function spawnServer(command: string, args: string[], cwd = ROOT): BenchProcess {
  // The clock starts before taskset/exec, like a user's shell would start it.
  const [cmd, argv] = pinned(0, command, args);
  const startedAt = performance.now();
  const child = spawn(cmd, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  started.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString('utf8');
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => output, startedAt };
}

/** Stops one process: SIGTERM, then SIGKILL after 5 s; resolves when it has exited. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(
    () => child.pid !== undefined && process.kill(child.pid, 'SIGKILL'),
    5000,
  );
  await exited;
  clearTimeout(timer);
  started.delete(child);
}

const run = promisify(execFile);
const AUTOCANNON = join(ROOT, 'node_modules/.bin/autocannon');

/** What one load run measured. Latencies in milliseconds. */
export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  /** Socket errors (connect, read, write, timeout). */
  errors: number;
  non2xx: number;
}

/** The load generator a run uses: wrk when installed and not refused, else autocannon. */
export function loadTool(preferAutocannon: boolean): 'wrk' | 'autocannon' {
  return !preferAutocannon && existsSync('/usr/bin/wrk') ? 'wrk' : 'autocannon';
}

/** wrk prints latencies as `1.23ms`, `456.00us`, `1.02s`; its `--latency` table has `50%`, `99%`. */
function wrkMs(text: string, label: string): number {
  const m = new RegExp(`^\\s*${label}\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(text);
  if (!m) return Number.NaN;
  const value = Number(m[1]);
  return m[2] === 'us' ? value / 1000 : m[2] === 's' ? value * 1000 : value;
}

/** Drives `url` for `seconds` with `connections` open, from core 1. */
export async function driveLoad(
  url: string,
  options: { seconds: number; connections: number; tool: 'wrk' | 'autocannon' },
): Promise<LoadResult> {
  const { seconds, connections } = options;
  if (options.tool === 'wrk') {
    const [cmd, args] = pinned(1, 'wrk', [
      '-t1',
      `-c${connections}`,
      `-d${seconds}s`,
      '--latency',
      url,
    ]);
    const { stdout } = await run(cmd, args, { maxBuffer: 1 << 20 });
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? Number.NaN);
    const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
    const errorsLine = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
      stdout,
    );
    const errors = errorsLine ? errorsLine.slice(1).reduce((n, x) => n + Number(x), 0) : 0;
    return { rps, p50: wrkMs(stdout, '50%'), p99: wrkMs(stdout, '99%'), errors, non2xx };
  }
  const [cmd, args] = pinned(1, AUTOCANNON, [
    '--json',
    '-c',
    String(connections),
    '-d',
    String(seconds),
    url,
  ]);
  const { stdout } = await run(cmd, args, { maxBuffer: 16 << 20 });
  const report = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    errors: number;
    non2xx: number;
  };
  return {
    rps: report.requests.average,
    p50: report.latency.p50,
    p99: report.latency.p99,
    errors: report.errors,
    non2xx: report.non2xx,
  };
}
