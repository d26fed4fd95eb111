import { readFile, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { walkFiles } from '../../adapters/fs/walk-files.js';
import { fromValue, type LoadedExperiment, parseExperiment } from '../../chaos/parse-experiment.js';
import { GauntletError } from '../../errors.js';

const EXPERIMENT_FILE = /\.(ya?ml|json|[cm]?ts|m?js)$/i;

async function files(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const found = await walkFiles(path, { match: EXPERIMENT_FILE, recursive: false });
  return found.filter((file) => !file.endsWith('.d.ts'));
}

/** Imports a TypeScript/JavaScript module (TypeScript through tsx, as the config is). */
export async function importModule(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  if (/\.[cm]?ts$/.test(file)) {
    const { tsImport } = await import('tsx/esm/api');
    return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  }
  return (await import(url)) as Record<string, unknown>;
}

/**
 * Reads experiment files and folders (a folder's `*.yaml|yml|json|ts`, sorted; not recursive, so
 * helper modules live in a subfolder) relative to `cwd`. Every file is checked before anything
 * runs: a bad one throws GAUNTLET_E_CHAOS_EXPERIMENT with file:line.
 *
 * @example
 * const experiments = await loadExperiments(['chaos/'], process.cwd());
 */
export async function loadExperiments(
  paths: readonly string[],
  cwd: string,
): Promise<LoadedExperiment[]> {
  const out: LoadedExperiment[] = [];
  for (const given of paths) {
    let found: string[];
    try {
      found = await files(resolve(cwd, given));
    } catch {
      throw new GauntletError(
        'GAUNTLET_E_FILE_NOT_FOUND',
        `Failed to read chaos experiments from ${given}: no such file or folder.`,
        {
          hint: 'Pass experiment files or folders, or set chaos.experiments in gauntlet.config.ts.',
        },
      );
    }
    for (const file of found) {
      const name = relative(cwd, file) || file;
      if (/\.(ya?ml|json)$/i.test(file)) {
        out.push(parseExperiment(name, await readFile(file, 'utf8')));
        continue;
      }
      let module: Record<string, unknown>;
      try {
        module = await importModule(file);
      } catch (error) {
        throw new GauntletError(
          'GAUNTLET_E_CHAOS_EXPERIMENT',
          `Failed to load the chaos experiment ${name}: because importing it threw: ${(error as Error).message}`,
          { hint: 'Its default export must be defineExperiment({...}).' },
        );
      }
      let value = module.default;
      if (typeof value === 'object' && value !== null && 'default' in value) {
        value = (value as { default: unknown }).default;
      }
      out.push(fromValue(name, value));
    }
  }
  return out;
}
