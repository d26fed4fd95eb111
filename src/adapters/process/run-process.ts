import { spawn } from 'node:child_process';

export interface ProcessResult {
  /** Exit code, or null when the process was killed by a signal or never started. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** Set when the process could not be started at all (ENOENT, EACCES) or timed out. */
  error?: string;
  timedOut: boolean;
}

export interface RunOptions {
  env: Record<string, string | undefined>;
  cwd?: string;
  /** Kill the process (SIGKILL) after this many milliseconds. */
  timeoutMs?: number;
}

/**
 * Runs a program without a shell (arguments are never re-parsed) and collects its output.
 * Never throws: a program that cannot start comes back with `error` set.
 *
 * @example
 * const r = await runProcess('/usr/local/go/bin/go', ['version'], { env: process.env, timeoutMs: 5000 });
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<ProcessResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    let spawnError: string | undefined;
    const child = spawn(command, [...args], {
      env: cleanEnv(options.env),
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
    });
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => {
      spawnError = error.message;
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const result: ProcessResult = {
        code,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        durationMs: performance.now() - started,
        timedOut,
      };
      if (timedOut) result.error = `timed out after ${options.timeoutMs} ms`;
      else if (spawnError !== undefined) result.error = spawnError;
      resolve(result);
    });
  });
}

function cleanEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}
