import type { LoadedSource } from '../model/index.js';
import type { ParsedDocument } from './parse.js';

/** The families of contract; the loader of each decides the exact `SourceFormat`. */
export type FormatFamily = 'openapi' | 'raml' | 'pact' | 'hoverfly' | 'postman';

/**
 * What a loader gets: the file's text, and a way to read other files it refers to
 * (external `$ref`s, RAML `!include`s, Hoverfly `bodyFile`s). Loaders never touch the file
 * system themselves — the middle is pure — so the same loaders run in the browser (MSW) with an
 * in-memory `readFile`.
 */
export interface LoadInput {
  /** The file's path as the user gave it (used in messages and locations). */
  file: string;
  /** The file's text (a UTF-8 BOM may still be at the start). */
  text: string;
  /** The document parsed as JSON or YAML (absent for RAML, which AMF parses). */
  document?: ParsedDocument;
  /** Reads another file; `path` is resolved against `file`'s folder by `resolvePath`. */
  readFile: (path: string) => Promise<string>;
}

/** Turns one source text into the model. Never throws for bad input: errors are diagnostics. */
export type FormatLoader = (input: LoadInput) => Promise<LoadedSource>;

/** Resolves `ref` (relative, or absolute) against the folder of `fromFile`, POSIX-style. */
export function resolvePath(fromFile: string, ref: string): string {
  if (ref.startsWith('/')) return normalisePath(ref);
  const slash = fromFile.lastIndexOf('/');
  const dir = slash >= 0 ? fromFile.slice(0, slash) : '.';
  return normalisePath(`${dir}/${ref}`);
}

/** Collapses `.` and `..` segments of a POSIX path. */
export function normalisePath(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (segment === '..' && absolute) continue;
    else out.push(segment);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}
