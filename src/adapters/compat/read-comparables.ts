import { readFile, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { GauntletError } from '../../errors.js';
import type { Diagnostic } from '../../model/index.js';
import type { CompatPact, CompatSpec } from '../../verify/compat/check-compat.js';
import { comparableDocument } from '../../verify/compat/comparable-document.js';
import { CONTRACT_EXTENSIONS } from '../fs/load-paths.js';
import { walkFiles } from '../fs/walk-files.js';

/** Specs and pacts found under the given paths, with what could not be read. */
export interface Comparables {
  specs: CompatSpec[];
  pacts: CompatPact[];
  diagnostics: Diagnostic[];
}

/**
 * Reads files and folders (walked, sorted) into specs (OpenAPI as parsed, RAML converted to
 * OpenAPI 3.0) and pacts (parsed JSON) for `checkCompat`. Other files in folders are ignored.
 *
 * @example
 * const { specs, pacts } = await readComparables(['contracts/'], process.cwd());
 */
export async function readComparables(paths: readonly string[], cwd: string): Promise<Comparables> {
  const out: Comparables = { specs: [], pacts: [], diagnostics: [] };
  const files: string[] = [];
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) {
      throw new GauntletError(
        'GAUNTLET_E_FILE_NOT_FOUND',
        `Failed to read ${given}: no such file or folder.`,
        {
          hint: 'Check the path (it is resolved against the current folder).',
        },
      );
    }
    if (info.isDirectory())
      files.push(...(await walkFiles(absolute, { match: CONTRACT_EXTENSIONS })));
    else files.push(absolute);
  }
  for (const absolute of files) {
    const rel = relative(cwd, absolute);
    const shown = rel.startsWith('..') || rel === '' ? absolute : rel;
    const text = await readFile(absolute, 'utf8');
    const doc = await comparableDocument(shown, text, (p) => readFile(resolve(cwd, p), 'utf8'));
    out.diagnostics.push(...doc.diagnostics);
    if (doc.kind === 'spec') out.specs.push(doc.spec);
    else if (doc.kind === 'pact') out.pacts.push(doc.pact);
  }
  return out;
}
