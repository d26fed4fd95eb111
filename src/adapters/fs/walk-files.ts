import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Folders never walked into, besides every hidden one (`.git`, `.gauntlet`…). */
export const IGNORED_DIRS: ReadonlySet<string> = new Set(['node_modules', 'dist']);

/** Whether the folder walker (and the watcher) skips a folder of this name. */
export function isIgnoredDir(name: string): boolean {
  return name.startsWith('.') || IGNORED_DIRS.has(name);
}

export interface WalkOptions {
  /** Which file names to keep, e.g. `/\.(ya?ml|json)$/i`. */
  match: RegExp;
  /** Walk into sub-folders (default true). */
  recursive?: boolean;
}

/**
 * The one folder walker: the files under `dir` whose names match, sorted by name at each level
 * (so output is the same on every machine), skipping hidden folders, `node_modules` and `dist`.
 *
 * @example
 * await walkFiles('contracts', { match: /\.(ya?ml|json|raml)$/i });
 * // ['contracts/openapi/inventory.yaml', 'contracts/pacts/gateway-orders.json', …]
 */
export async function walkFiles(dir: string, options: WalkOptions): Promise<string[]> {
  const out: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (options.recursive !== false && !isIgnoredDir(entry.name)) await walk(full);
      } else if (entry.isFile() && options.match.test(entry.name)) out.push(full);
    }
  };
  await walk(dir);
  return out;
}
