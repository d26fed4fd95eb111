import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { repoRoot } from '../cli/run-cli.js';

/** A long-running `gauntlet` command (dev, up) whose output a test can wait on. */
export interface CliSession {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  /** Resolves with the whole output once it matches `pattern`; rejects on exit or timeout. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

/** Starts the built CLI (`npm run build` first) without colours. */
export function spawnCli(args: string[], cwd = repoRoot): CliSession {
  const child = spawn(process.execPath, [`${repoRoot}/bin/gauntlet.js`, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let text = '';
  const listeners = new Set<() => void>();
  const append = (chunk: string): void => {
    text += chunk;
    for (const listener of listeners) listener();
  };
  child.stdout.setEncoding('utf8').on('data', append);
  child.stderr.setEncoding('utf8').on('data', append);
  const exited = new Promise<number | string>((resolve) =>
    child.on('close', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return {
    child,
    output: () => text,
    exited,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (pattern.test(text)) {
            done();
            resolve(text);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting for ${pattern}; output so far:\n${text}`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        void exited.then((code) => {
          if (!pattern.test(text)) {
            done();
            reject(new Error(`exited (${code}) before ${pattern}; output:\n${text}`));
          }
        });
        listeners.add(check);
        check();
      });
    },
  };
}

/** True while a process with this PID exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
