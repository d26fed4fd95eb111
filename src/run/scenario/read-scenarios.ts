import { readFile, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { walkFiles } from '../../adapters/fs/walk-files.js';
import { GauntletError } from '../../errors.js';
import { parseScenario, type Scenario } from './scenario.js';

const SCENARIO_FILE = /\.(ya?ml|json)$/i;

async function files(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  return walkFiles(path, { match: SCENARIO_FILE, recursive: false });
}

/**
 * Reads scenario files and folders (a folder's `*.yaml`, `*.yml`, `*.json`, sorted), relative
 * to `cwd`. A path that does not exist is GAUNTLET_E_FILE_NOT_FOUND; a bad file is
 * GAUNTLET_E_SCENARIO_INVALID.
 *
 * @example
 * const scenarios = await readScenarios(['scenarios/'], process.cwd());
 */
export async function readScenarios(paths: readonly string[], cwd: string): Promise<Scenario[]> {
  const out: Scenario[] = [];
  for (const given of paths) {
    let found: string[];
    try {
      found = await files(resolve(cwd, given));
    } catch {
      throw new GauntletError(
        'GAUNTLET_E_FILE_NOT_FOUND',
        `Failed to read scenarios from ${given}: no such file or folder.`,
        { hint: 'Check run.scenarios in gauntlet.config.ts.' },
      );
    }
    for (const file of found) {
      const text = await readFile(file, 'utf8');
      out.push(parseScenario(relative(cwd, file) || file, text));
    }
  }
  return out;
}
