import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GauntletError } from '../../errors.js';
import type { ThresholdGroup } from '../../load/thresholds.js';
import type { LoadSuite } from '../../load/types.js';
import { lineOf, type SuiteProblem, validateSuite } from '../../load/validate-suite.js';

/** A load suite read from its file and validated, with its thresholds parsed. */
export interface LoadedSuite {
  /** Absolute path of the suite file. */
  file: string;
  /** Its text, to point problems at lines. */
  source: string;
  suite: LoadSuite;
  thresholds: ThresholdGroup[];
}

/**
 * One GAUNTLET_E_LOAD_SUITE error listing every problem as `file:line: message`, so a suite
 * with three mistakes is fixed in one round.
 *
 * @example
 * throw suiteError('perf/shop.load.ts', source, [{ message: 'unknown executor "x"', needle: 'x' }], cwd);
 */
export function suiteError(
  file: string,
  source: string,
  problems: readonly SuiteProblem[],
  cwd: string,
): GauntletError {
  const shown = relative(cwd, file) || file;
  const lines = problems.map((p) => {
    const line = lineOf(source, p.needle);
    return `${shown}${line === undefined ? '' : `:${line}`}: ${p.message}`;
  });
  const first = lineOf(source, problems[0]?.needle ?? '');
  return new GauntletError(
    'GAUNTLET_E_LOAD_SUITE',
    `Failed to load the suite ${shown}: because ${problems.length === 1 ? 'of one problem' : `of ${problems.length} problems`}:\n  ${lines.join('\n  ')}`,
    {
      hint: 'Executors, options and threshold expressions follow k6 (see the README section "Load suites").',
      location: { file: shown, ...(first === undefined ? {} : { line: first }) },
    },
  );
}

/**
 * Imports a suite file (`.ts` through tsx, no build step) and validates it: an unknown executor,
 * a threshold that does not parse or names no metric → GAUNTLET_E_LOAD_SUITE with file:line.
 *
 * @example
 * const { suite, thresholds } = await loadSuiteFile('/repo/perf/inventory.load.ts', '/repo');
 */
export async function loadSuiteFile(file: string, cwd: string): Promise<LoadedSuite> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch {
    throw new GauntletError(
      'GAUNTLET_E_FILE_NOT_FOUND',
      `Failed to read the load suite ${file}: no such file.`,
      {
        hint: 'Suites live in perf/ as NAME.load.ts; run `gauntlet load` without arguments to run them all.',
      },
    );
  }
  let module: { default?: unknown };
  try {
    const url = pathToFileURL(file).href;
    if (/\.[mc]?ts$/.test(file)) {
      const { tsImport } = await import('tsx/esm/api');
      module = (await tsImport(url, import.meta.url)) as { default?: unknown };
    } else {
      module = (await import(url)) as { default?: unknown };
    }
  } catch (error) {
    throw new GauntletError(
      'GAUNTLET_E_LOAD_SUITE',
      `Failed to load the suite ${relative(cwd, file)}: because importing it threw: ${error instanceof Error ? error.message : String(error)}`,
      { location: { file: relative(cwd, file) } },
    );
  }
  let suite = module.default;
  // A .ts file outside a `"type": "module"` package is compiled as CommonJS by tsx, whose
  // `export default` arrives one level down as `{ default: suite }` (as for the config file).
  const inner = (suite as { default?: unknown } | undefined)?.default;
  if (
    typeof suite === 'object' &&
    suite !== null &&
    !('scenarios' in suite) &&
    typeof inner === 'object'
  ) {
    suite = inner;
  }
  const { problems, thresholds } = validateSuite(suite);
  if (problems.length > 0) throw suiteError(file, source, problems, cwd);
  return { file, source, suite: suite as LoadSuite, thresholds };
}
