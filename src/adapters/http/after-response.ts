import type { AfterResponse } from '../../mock/types.js';

export interface AfterResponseOptions {
  /** Where warnings go (one line each, already prefixed `[gauntlet]`). */
  warn: (line: string) => void;
  /** The fetch to call callbacks with (injectable for tests). */
  fetch?: typeof fetch;
  /** How long a callback may take before it is abandoned. */
  callbackTimeoutMs?: number;
}

/** Runs AfterResponse work once a response has been sent. */
export type AfterResponseRunner = ((after: readonly AfterResponse[]) => void) & {
  /** Resolves when every callback started so far has settled (for close() and tests). */
  idle(): Promise<void>;
};

/**
 * Creates the runner that fires OpenAPI callbacks with fetch and prints engine warnings.
 * Nothing here can throw into the server: a failed callback is a warning. Each distinct warning
 * line is printed once per runner, so a client hammering one bad route does not flood the
 * terminal.
 *
 * @example
 * const runAfter = createAfterResponseRunner({ warn: (line) => process.stderr.write(`${line}\n`) });
 * res.once('finish', () => runAfter(response.after ?? []));
 */
export function createAfterResponseRunner(options: AfterResponseOptions): AfterResponseRunner {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.callbackTimeoutMs ?? 5000;
  const printed = new Set<string>();
  const pending = new Set<Promise<void>>();

  const warnOnce = (line: string): void => {
    if (printed.has(line)) return;
    printed.add(line);
    options.warn(line);
  };

  const fire = async (item: Extract<AfterResponse, { kind: 'callback' }>): Promise<void> => {
    try {
      const init: RequestInit = {
        method: item.method,
        headers: item.headers,
        signal: AbortSignal.timeout(timeoutMs),
      };
      // A copy: typed as backed by a plain ArrayBuffer, which BodyInit asks for.
      if (item.body !== undefined) init.body = new Uint8Array(item.body);
      const answer = await doFetch(item.url, init);
      // Read the body so the connection is released back to the pool.
      await answer.arrayBuffer();
      if (answer.status >= 400) {
        warnOnce(
          `[gauntlet] callback ${item.name} failed: ${item.method} ${item.url} answered ${answer.status}.`,
        );
      }
    } catch (error) {
      const reason =
        error instanceof Error
          ? error.name === 'TimeoutError'
            ? `no answer within ${timeoutMs} ms`
            : `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}`
          : String(error);
      warnOnce(`[gauntlet] callback ${item.name} failed: ${item.method} ${item.url}: ${reason}.`);
    }
  };

  const run = (after: readonly AfterResponse[]): void => {
    for (const item of after) {
      if (item.kind === 'warning') {
        warnOnce(`[gauntlet] warning (${item.code}): ${item.message}`);
        continue;
      }
      const task = fire(item);
      pending.add(task);
      void task.finally(() => pending.delete(task));
    }
  };

  return Object.assign(run, {
    idle: async (): Promise<void> => {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  });
}
