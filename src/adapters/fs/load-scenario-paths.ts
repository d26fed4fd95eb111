import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { GauntletError } from '../../errors.js';
import { parseJsonOrYaml } from '../../formats/parse.js';
import { loadScenarioFile } from '../../mock/scenarios/parse-scenarios.js';
import { SCENARIO_FILE_MARKER } from '../../mock/scenarios/read-scenarios.js';
import type { ScenarioDefinition } from '../../mock/scenarios/types.js';
import type { Diagnostic } from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import { display } from './load-paths.js';
import { walkFiles } from './walk-files.js';

/** Scenario files found under some paths, read and checked, ready for `compileScenarios`. */
export interface LoadedScenarioFiles {
  /** The scenario files read, relative to `cwd` when inside it. */
  files: string[];
  definitions: ScenarioDefinition[];
  /** Their `bodyFile`s' bytes, by the path the definitions name them. */
  bodies: Map<string, Uint8Array>;
  /** Every problem of every file, with file:line. */
  diagnostics: Diagnostic[];
}

const SCENARIO_EXTENSIONS = /\.(ya?ml|json)$/i;

/** A scenario document says so at its top: `gauntlet: scenarios/v1` or `scenario:`. */
function isScenarioDocument(file: string, text: string): boolean {
  if (!text.includes('scenario')) return false;
  const parsed = parseJsonOrYaml(file, text);
  if (!parsed.ok) return false;
  const value = parsed.document.value;
  return (
    isRecord(value) && (value.gauntlet === SCENARIO_FILE_MARKER || value.scenario !== undefined)
  );
}

/**
 * Finds the scenario files among files and folders (a folder is walked for `*.yaml|yml|json`;
 * contracts and other files beside them are left alone) and reads them with their body files.
 * A path that does not exist throws GAUNTLET_E_FILE_NOT_FOUND; a broken scenario file is
 * reported in `diagnostics`, never thrown, so every problem is listed at once.
 *
 * @example
 * const loaded = await loadScenarioPaths(['mocks/'], process.cwd());
 * const scenarios = compileScenarios(loaded.definitions, { files: loaded.bodies });
 */
export async function loadScenarioPaths(
  paths: readonly string[],
  cwd: string,
): Promise<LoadedScenarioFiles> {
  const out: LoadedScenarioFiles = {
    files: [],
    definitions: [],
    bodies: new Map(),
    diagnostics: [],
  };
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    let candidates: string[];
    try {
      candidates = (await stat(absolute)).isDirectory()
        ? await walkFiles(absolute, { match: SCENARIO_EXTENSIONS })
        : [absolute];
    } catch {
      throw new GauntletError(
        'GAUNTLET_E_FILE_NOT_FOUND',
        `Failed to load ${given}: no such file or folder.`,
        { hint: 'Check the path (it is resolved against the current folder).' },
      );
    }
    for (const file of candidates) {
      const shown = display(cwd, file);
      const text = await readFile(file, 'utf8');
      if (!isScenarioDocument(shown, text)) continue;
      const loaded = await loadScenarioFile(shown, text, {
        readFile: (path) => readFile(resolve(cwd, path)),
      });
      out.files.push(shown);
      out.definitions.push(...loaded.definitions);
      for (const [path, bytes] of loaded.files) out.bodies.set(path, bytes);
      out.diagnostics.push(...loaded.diagnostics);
    }
  }
  return out;
}
