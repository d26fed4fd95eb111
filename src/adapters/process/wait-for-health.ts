import { GauntletError } from '../../errors.js';
import type { ManagedProcess } from './start-process.js';

export interface WaitForHealthOptions {
  /** Give up after this long (default 20 s: tsx compiles each service on its first start). */
  timeoutMs?: number;
  /** Pause between attempts (default 100 ms). */
  intervalMs?: number;
  /** How many of the process's last log lines a failure message quotes (default 15). */
  logLines?: number;
}

function failure(
  process: ManagedProcess,
  url: string,
  reason: string,
  lines: number,
): GauntletError {
  const log = process.recentLines().slice(-lines);
  const tail = log.length === 0 ? ' It printed nothing.' : `\n    ${log.join('\n    ')}`;
  return new GauntletError(
    'GAUNTLET_E_SERVICE_START',
    `Failed to start ${process.name} (pid ${process.pid}): because ${reason}. Its last output:${tail}`,
    { hint: `Run its start command from gauntlet.config.ts by hand and open ${url}.` },
  );
}

/**
 * Polls `url` until it answers 2xx. Fails fast, with the process's last output, when the
 * process exits first; fails after `timeoutMs` when it never becomes healthy. Throws
 * GAUNTLET_E_SERVICE_START; returns how long it took in milliseconds.
 *
 * @example
 * const ms = await waitForHealth(inventory, 'http://127.0.0.1:4102/health');
 */
export async function waitForHealth(
  process: ManagedProcess,
  url: string,
  options: WaitForHealthOptions = {},
): Promise<number> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? 20_000;
  const intervalMs = options.intervalMs ?? 100;
  const lines = options.logLines ?? 15;
  let last = 'it never answered';
  while (performance.now() - started < timeoutMs) {
    if (process.exit) {
      const how = process.exit.signal ?? `code ${process.exit.code}`;
      throw failure(process, url, `it exited (${how}) before ${url} answered`, lines);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) return performance.now() - started;
      last = `${url} answered ${response.status}`;
    } catch (error) {
      last = `${url} did not answer (${error instanceof Error ? error.message : String(error)})`;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw failure(process, url, `it was not healthy after ${timeoutMs} ms: ${last}`, lines);
}
