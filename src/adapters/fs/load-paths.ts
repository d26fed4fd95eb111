import { readFile, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { GauntletError } from '../../errors.js';
import { loadSource } from '../../formats/load-source.js';
import type { LoadedSource } from '../../model/index.js';
import { walkFiles } from './walk-files.js';

/** File extensions that may hold a contract when walking a folder. */
export const CONTRACT_EXTENSIONS = /\.(ya?ml|json|raml)$/i;
export interface LoadPathsOptions {
  cwd: string;
  /** Called before each file is loaded (progress display). */
  onProgress?: (file: string, index: number, total: number) => void;
  /**
   * Called with the absolute path of every file read: each contract, and each file it reaches
   * through `$ref` (OpenAPI) or `!include` (RAML). `mock --watch` watches them all.
   */
  onRead?: (path: string) => void;
  /** `--strict`: what loads only leniently (`GAUNTLET_W_*` warnings) is refused. */
  strict?: boolean;
}

/** Shows a path relative to the working folder when it is inside it. */
export function display(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return rel.startsWith('..') || rel === '' ? absolute : rel;
}

/**
 * Loads files and folders (walked recursively, sorted, contract extensions only) into the model.
 * Every file gets a LoadedSource, bad ones with their diagnostics: one bad file never hides the
 * others. Throws only when a path given by the user does not exist.
 *
 * @example
 * const sources = await loadPaths(['contracts/'], { cwd: process.cwd() });
 * const services = sources.flatMap((s) => (s.service ? [s.service] : []));
 */
export async function loadPaths(
  paths: string[],
  options: LoadPathsOptions,
): Promise<LoadedSource[]> {
  const files: Array<{ path: string; discovered: boolean }> = [];
  for (const given of paths) {
    const absolute = resolve(options.cwd, given);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(absolute);
    } catch {
      throw new GauntletError(
        'GAUNTLET_E_FILE_NOT_FOUND',
        `Failed to load ${given}: no such file or folder.`,
        {
          hint: 'Check the path (it is resolved against the current folder).',
        },
      );
    }
    if (info.isDirectory()) {
      const found = await walkFiles(absolute, { match: CONTRACT_EXTENSIONS });
      for (const path of found) files.push({ path, discovered: true });
    } else {
      files.push({ path: absolute, discovered: false });
    }
  }
  const readText = (path: string) => {
    options.onRead?.(path);
    return readFile(path, 'utf8');
  };
  const sources: LoadedSource[] = [];
  for (const [index, { path, discovered }] of files.entries()) {
    const shown = display(options.cwd, path);
    options.onProgress?.(shown, index, files.length);
    let text: string;
    try {
      text = await readText(path);
    } catch (error) {
      sources.push({
        file: shown,
        diagnostics: [
          {
            code: 'GAUNTLET_E_FILE_READ',
            severity: 'error',
            message: `Failed to read ${shown}: ${error instanceof Error ? error.message : String(error)}.`,
            location: { file: shown },
          },
        ],
      });
      continue;
    }
    // Loaders see the path the user sees (relative to cwd), so locations in messages match what
    // was typed; references are resolved against cwd when read.
    const source = await loadSource(shown, text, {
      readFile: async (ref) => {
        try {
          return await readText(resolve(options.cwd, ref));
        } catch {
          throw new GauntletError(
            'GAUNTLET_E_REF_UNRESOLVED',
            `Failed to read ${ref}: no such file.`,
          );
        }
      },
      discovered,
      ...(options.strict ? { strict: true } : {}),
    });
    sources.push(source);
  }
  return sources;
}
