import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { GauntletError } from '../../errors.js';

const SUITE_FILE = /\.load\.(ts|mts|js|mjs)$/;

/**
 * The load suite files (`*.load.ts`, `.mts`, `.js`, `.mjs`) under the given files and folders,
 * folders walked in name order. A path that does not exist is GAUNTLET_E_FILE_NOT_FOUND.
 *
 * @example
 * await findSuites(['perf'], process.cwd()); // ['/repo/perf/inventory.load.ts', ...]
 */
export async function findSuites(paths: readonly string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (path: string): Promise<void> => {
    const entries = await readdir(path, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (SUITE_FILE.test(entry.name)) out.push(full);
    }
  };
  for (const p of paths) {
    const full = resolve(cwd, p);
    if (!existsSync(full)) {
      throw new GauntletError(
        'GAUNTLET_E_FILE_NOT_FOUND',
        `Failed to find the load suite ${p}: no such file or folder.`,
        { hint: 'Suites are perf/NAME.load.ts files; `gauntlet load` runs every one of them.' },
      );
    }
    if (statSync(full).isDirectory()) await walk(full);
    else out.push(full);
  }
  return out;
}
