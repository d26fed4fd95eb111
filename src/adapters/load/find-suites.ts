import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { GauntletError } from '../../errors.js';
import { walkFiles } from '../fs/walk-files.js';

const SUITE_FILE = /\.load\.(ts|mts|js|mjs)$/;

/**
 * The load suite files (`*.load.ts`, `.mts`, `.js`, `.mjs`) under the given files and folders,
 * folders walked by the one folder walker (name order, hidden folders, node_modules and dist
 * skipped). A path that does not exist is GAUNTLET_E_FILE_NOT_FOUND.
 *
 * @example
 * await findSuites(['perf'], process.cwd()); // ['/repo/perf/inventory.load.ts', ...]
 */
export async function findSuites(paths: readonly string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const full = resolve(cwd, p);
    if (!existsSync(full)) {
      throw new GauntletError(
        'GAUNTLET_E_FILE_NOT_FOUND',
        `Failed to find the load suite ${p}: no such file or folder.`,
        { hint: 'Suites are perf/NAME.load.ts files; `gauntlet load` runs every one of them.' },
      );
    }
    if (statSync(full).isDirectory()) out.push(...(await walkFiles(full, { match: SUITE_FILE })));
    else out.push(full);
  }
  return out;
}
