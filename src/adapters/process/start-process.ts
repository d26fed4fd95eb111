import { spawn } from 'node:child_process';
import { GauntletError } from '../../errors.js';
import { pidAlive } from './pid-alive.js';

export interface StartProcessOptions {
  /** Shown in messages and log prefixes, e.g. the service name. */
  name: string;
  command: string;
  args?: string[];
  /** The environment, whole (merge `process.env` in yourself when the program needs PATH etc.). */
  env: Record<string, string | undefined>;
  cwd: string;
  /** Every output line as it arrives (stdout and stderr), without the newline. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** How many recent lines `recentLines()` keeps (default 200). */
  keepLines?: number;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A process `startProcess` started: its PID, its log, and a stop that ends its whole group. */
export interface ManagedProcess {
  name: string;
  pid: number;
  /** Resolves when the process has exited (never rejects). */
  exited: Promise<ProcessExit>;
  /** Set once the process has exited. */
  exit: ProcessExit | undefined;
  /** The last lines of its output, oldest first. */
  recentLines(): string[];
  /**
   * Stops it by PID: SIGTERM, then SIGKILL after `graceMs` (default 3000). Resolves once it has
   * exited; idempotent, and harmless after the process ended on its own.
   */
  stop(graceMs?: number): Promise<ProcessExit>;
}

/** Splits a stream into lines, holding back an unfinished last line. */
function lineSplitter(emit: (line: string) => void): { push(chunk: string): void; end(): void } {
  let rest = '';
  return {
    push(chunk) {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      for (const part of parts) emit(part.endsWith('\r') ? part.slice(0, -1) : part);
    },
    end() {
      if (rest !== '') emit(rest);
      rest = '';
    },
  };
}

/**
 * Starts a program as a child process with piped output, and returns a handle that knows its
 * PID, its recent output and how to stop it. Throws GAUNTLET_E_SERVICE_START when the program
 * cannot be spawned at all (not found, not executable).
 *
 * @example
 * const inventory = await startProcess({
 *   name: 'inventory', command: 'node', args: ['--import', 'tsx', 'inventory/main.ts'],
 *   env: { ...process.env, PORT: '4102' }, cwd: process.cwd(),
 * });
 * await inventory.stop();
 */
export async function startProcess(options: StartProcessOptions): Promise<ManagedProcess> {
  const keep = options.keepLines ?? 200;
  const lines: string[] = [];
  const child = spawn(options.command, options.args ?? [], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const record =
    (stream: 'stdout' | 'stderr') =>
    (line: string): void => {
      lines.push(line);
      if (lines.length > keep) lines.shift();
      options.onLine?.(line, stream);
    };
  const out = lineSplitter(record('stdout'));
  const err = lineSplitter(record('stderr'));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => out.push(chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => err.push(chunk));

  const spawned = await new Promise<Error | undefined>((resolve) => {
    child.once('spawn', () => resolve(undefined));
    child.once('error', (error) => resolve(error));
  });
  if (spawned !== undefined || child.pid === undefined) {
    throw new GauntletError(
      'GAUNTLET_E_SERVICE_START',
      `Failed to start ${options.name}: because \`${options.command}\` could not be run (${spawned?.message ?? 'no PID'}).`,
      {
        hint: 'Check `start.command` in gauntlet.config.ts: it must be on PATH or a path to a program.',
      },
    );
  }
  const pid = child.pid;
  const handle: ManagedProcess = {
    name: options.name,
    pid,
    exit: undefined,
    exited: new Promise<ProcessExit>((resolve) => {
      child.once('close', (code, signal) => {
        out.end();
        err.end();
        handle.exit = { code, signal };
        resolve(handle.exit);
      });
    }),
    recentLines: () => [...lines],
    async stop(graceMs = 3000) {
      if (handle.exit) return handle.exit;
      signal(pid, 'SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const killed = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          signal(pid, 'SIGKILL');
          resolve();
        }, graceMs);
      });
      await Promise.race([handle.exited, killed]);
      clearTimeout(timer);
      return handle.exited;
    },
  };
  return handle;
}

/** Sends a signal by PID, ignoring a process that is already gone. */
function signal(pid: number, name: NodeJS.Signals): void {
  if (!pidAlive(pid)) return;
  try {
    process.kill(pid, name);
  } catch {
    // Exited between the check and the kill: nothing left to stop.
  }
}
