import { resolve } from 'node:path';
import { loadPaths } from '../adapters/fs/load-paths.js';
import type { GauntletConfig } from '../config.js';
import type { LoadedSource } from '../model/index.js';
import type { RunContext } from './types.js';

export interface RunContextHandle {
  ctx: Omit<RunContext, 'previous'>;
  /** Runs every cleanup still registered (newest first), e.g. on SIGINT. */
  cleanupAll(): Promise<void>;
}

/**
 * The context `gauntlet run` gives its stages: contract loading cached per resolved path (RAML
 * through AMF is slow; every stage may ask for the same file), and a cleanup registry the
 * command's SIGINT handler drains.
 *
 * @example
 * const { ctx, cleanupAll } = createRunContext({ cwd, config, env: process.env, log: console.log });
 */
export function createRunContext(options: {
  cwd: string;
  config: GauntletConfig;
  env: Record<string, string | undefined>;
  log: (line: string) => void;
}): RunContextHandle {
  const cache = new Map<string, Promise<LoadedSource[]>>();
  const cleanups = new Set<() => Promise<void>>();
  const load = async (paths: readonly string[]): Promise<LoadedSource[]> => {
    const loaded = await Promise.all(
      paths.map((path) => {
        const key = resolve(options.cwd, path);
        let pending = cache.get(key);
        if (!pending) {
          pending = loadPaths([path], { cwd: options.cwd });
          // A failed load is not cached: the next stage gets the same error, not a stale promise.
          pending.catch(() => cache.delete(key));
          cache.set(key, pending);
        }
        return pending;
      }),
    );
    return loaded.flat();
  };
  return {
    ctx: {
      cwd: options.cwd,
      config: options.config,
      env: options.env,
      load,
      log: options.log,
      defer(cleanup) {
        cleanups.add(cleanup);
        return () => cleanups.delete(cleanup);
      },
    },
    async cleanupAll() {
      const pending = [...cleanups].reverse();
      cleanups.clear();
      for (const cleanup of pending) await cleanup().catch(() => undefined);
    },
  };
}
