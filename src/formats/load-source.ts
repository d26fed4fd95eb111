import type { Diagnostic, LoadedSource } from '../model/index.js';
import { detectFormat } from './detect.js';
import { loadHoverfly } from './hoverfly/index.js';
import { loadOpenApi } from './openapi/index.js';
import { loadPact } from './pact/index.js';
import { loadPostman } from './postman/index.js';
import { loadRaml } from './raml/index.js';
import type { FormatFamily, FormatLoader } from './types.js';

const LOADERS: Record<FormatFamily, FormatLoader> = {
  openapi: loadOpenApi,
  raml: loadRaml,
  pact: loadPact,
  hoverfly: loadHoverfly,
  postman: loadPostman,
};

export interface LoadSourceOptions {
  /** Reads a file that the contract refers to (already resolved to a path). */
  readFile: (path: string) => Promise<string>;
  /**
   * When the file was found by walking a folder (not named by the user), content that is not a
   * contract is skipped with a reason rather than reported as an error.
   */
  discovered?: boolean;
  /**
   * Refuse what was loaded leniently: every `GAUNTLET_W_*` loader warning (a rule the
   * ecosystem's tools let pass, such as an OpenAPI document without `info`) becomes an error,
   * and the source has no service.
   */
  strict?: boolean;
}

/** A source as `--strict` sees it: leniency warnings are errors, and an error means no service. */
export function strictSource(source: LoadedSource): LoadedSource {
  const promote = (d: Diagnostic): Diagnostic =>
    d.severity === 'warning' && d.code.startsWith('GAUNTLET_W_') ? { ...d, severity: 'error' } : d;
  const diagnostics = source.diagnostics.map(promote);
  if (!diagnostics.some((d) => d.severity === 'error')) return source;
  const { service: _dropped, ...rest } = source;
  return { ...rest, diagnostics };
}

/**
 * Loads one contract text into the model: detects the format from the content, then runs the
 * format's loader. Never throws for bad input; problems come back as diagnostics.
 *
 * @example
 * const source = await loadSource('petstore.yaml', text, { readFile: (p) => fs.readFile(p, 'utf8') });
 * if (source.service) console.log(source.service.operations.length);
 */
export async function loadSource(
  file: string,
  text: string,
  options: LoadSourceOptions,
): Promise<LoadedSource> {
  const source = await loadLeniently(file, text, options);
  return options.strict ? strictSource(source) : source;
}

async function loadLeniently(
  file: string,
  text: string,
  options: LoadSourceOptions,
): Promise<LoadedSource> {
  const detection = detectFormat(file, text);
  switch (detection.family) {
    case 'unparsable':
      return { file, diagnostics: detection.diagnostics };
    case 'raml-fragment':
      return {
        file,
        diagnostics: [],
        skipped: `RAML ${detection.kind} fragment: loaded through the API that includes it`,
      };
    case 'unknown':
      if (options.discovered)
        return { file, diagnostics: [], skipped: `not a contract: ${detection.reason}` };
      return {
        file,
        diagnostics: [
          {
            code: 'GAUNTLET_E_FORMAT_UNKNOWN',
            severity: 'error',
            message: `Failed to load ${file}: ${detection.reason}. Pass an OpenAPI 2/3, RAML, Pact, Hoverfly or Postman collection (v2.0/v2.1) file.`,
            location: { file },
          },
        ],
      };
    default: {
      const loader = LOADERS[detection.family];
      try {
        return await loader({
          file,
          text,
          ...(detection.document ? { document: detection.document } : {}),
          readFile: options.readFile,
        });
      } catch (error) {
        // Loaders report bad input as diagnostics; an exception here is a bug, but the user still
        // gets every other file loaded and a message naming this one.
        return {
          file,
          diagnostics: [
            {
              code: 'GAUNTLET_E_INTERNAL',
              severity: 'error',
              message: `Failed to load ${file}: unexpected ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}. This is a Gauntlet bug; please report it with the file.`,
              location: { file },
            },
          ],
        };
      }
    }
  }
}
