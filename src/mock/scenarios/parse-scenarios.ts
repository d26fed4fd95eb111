import { parseJsonOrYaml } from '../../formats/parse.js';
import type { Diagnostic } from '../../model/index.js';
import { compileScenarios } from './compile-scenarios.js';
import { readScenarioDocument } from './read-scenarios.js';
import type { ScenarioDefinition } from './types.js';

const CODE = 'GAUNTLET_E_MOCK_SCENARIO_INVALID';

export interface ParsedScenarioFile {
  file: string;
  /** The scenarios read; each `bodyFile` is rewritten to its path next to the scenario file. */
  definitions: ScenarioDefinition[];
  /** Every body file the definitions name (resolved paths), for the caller to read. */
  bodyFiles: string[];
  /** Body file bytes by resolved path (filled by {@link loadScenarioFile}). */
  files: Map<string, Uint8Array>;
  diagnostics: Diagnostic[];
}

/** The folder part of a path (`mocks/a.yaml` → `mocks`), '' for a bare name. */
function folderOf(file: string): string {
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return slash === -1 ? '' : file.slice(0, slash);
}

/**
 * Resolves `name` inside `folder`, or undefined when it is absolute or climbs out with `..`
 * (a scenario may only read files from its own folder and below).
 */
export function resolveInside(folder: string, name: string): string | undefined {
  if (name === '' || name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name))
    return undefined;
  const parts: string[] = [];
  for (const part of name.split(/[/\\]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  if (parts.length === 0) return undefined;
  return folder === '' ? parts.join('/') : `${folder}/${parts.join('/')}`;
}

/**
 * Reads a "gauntlet scenario" file (`mocks/*.yaml`, JSON works too) into definitions, with
 * coded diagnostics that carry file, line and JSON pointer. Body files are named, not read:
 * use {@link loadScenarioFile} to read them through an injected reader. Kept apart from the
 * contract loaders on purpose: a scenario overlays a service rather than describing one, so it
 * has no place in `loadPaths` → Service (and a contract folder holding one must not fail).
 *
 * @example
 * const { definitions, diagnostics } = parseScenarioFile('mocks/stock.yaml', text);
 */
export function parseScenarioFile(file: string, text: string): ParsedScenarioFile {
  const read = readFile(file, text);
  return { ...read.result, diagnostics: [...read.result.diagnostics, ...read.check(new Map())] };
}

interface ReadResult {
  result: ParsedScenarioFile;
  /** Runs the compile-time checks with the body files read so far. */
  check(files: ReadonlyMap<string, Uint8Array>): Diagnostic[];
}

function readFile(file: string, text: string): ReadResult {
  const parsed = parseJsonOrYaml(file, text);
  if (!parsed.ok) {
    return {
      result: {
        file,
        definitions: [],
        bodyFiles: [],
        files: new Map(),
        diagnostics: parsed.diagnostics.map((d) => ({ ...d, code: CODE })),
      },
      check: () => [],
    };
  }
  const { document } = parsed;
  const { definitions, pointers, stubPointers, issues } = readScenarioDocument(document.value);
  const diagnostics: Diagnostic[] = issues.map((issue) => ({
    code: CODE,
    severity: issue.severity,
    message: `Failed to read the scenario file ${file} at ${issue.pointer || '/'}: because ${issue.message}. Fix the file.`,
    path: issue.pointer,
    location: document.locate(issue.pointer),
  }));

  const folder = folderOf(file);
  const bodyFiles = new Set<string>();
  definitions.forEach((definition, d) => {
    definition.stubs.forEach((stub, s) => {
      const responses = stub.responses ?? (stub.response === undefined ? [] : [stub.response]);
      responses.forEach((response, r) => {
        if (response.bodyFile === undefined) return;
        const resolved = resolveInside(folder, response.bodyFile);
        if (resolved === undefined) {
          const pointer = `${stubPointers[d]?.[s]}/${stub.responses ? `responses/${r}` : 'response'}/bodyFile`;
          diagnostics.push({
            code: CODE,
            severity: 'error',
            message: `Failed to read the scenario file ${file} at ${pointer}: because the body file '${response.bodyFile}' is not inside the scenario's folder. Use a path relative to ${folder || '.'} without '..' above it.`,
            path: pointer,
            location: document.locate(pointer),
          });
          delete response.bodyFile;
          return;
        }
        response.bodyFile = resolved;
        bodyFiles.add(resolved);
      });
    });
  });
  return {
    result: { file, definitions, bodyFiles: [...bodyFiles], files: new Map(), diagnostics },
    check: (files) =>
      check(file, definitions, pointers, stubPointers, files, document.locate, bodyFiles),
  };
}

/**
 * Compile-time checks (regexes, templates, states) of definitions read from a file, with
 * their diagnostics placed in the file. Body files not read yet count as present and empty.
 */
function check(
  file: string,
  definitions: ScenarioDefinition[],
  pointers: string[],
  stubPointers: string[][],
  files: ReadonlyMap<string, Uint8Array>,
  locate: (pointer: string) => Diagnostic['location'],
  assumed: ReadonlySet<string>,
): Diagnostic[] {
  const all = new Map(files);
  for (const name of assumed) if (!all.has(name)) all.set(name, new Uint8Array());
  const engine = compileScenarios(definitions, { files: all });
  return engine.diagnostics.map((d) => {
    // `/<definition>/stubs/<stub>/...` → the same place in the document.
    const [, index, stubs, stub, ...rest] = (d.path ?? '').split('/');
    const d0 = Number(index);
    let pointer: string;
    if (stubs === 'stubs' && stub !== undefined) {
      pointer = `${stubPointers[d0]?.[Number(stub)] ?? ''}${rest.length > 0 ? `/${rest.join('/')}` : ''}`;
    } else {
      const tail = [stubs, stub, ...rest].filter((t) => t !== undefined);
      pointer = `${pointers[d0] ?? ''}${tail.length > 0 ? `/${tail.join('/')}` : ''}`;
    }
    return {
      ...d,
      message: d.message.replace(
        /^Failed to compile the scenario stub at \S+:/,
        `Failed to load the scenario file ${file} at ${pointer}:`,
      ),
      path: pointer,
      location: locate(pointer),
    };
  });
}

/**
 * Parses a scenario file and reads its body files through `readFile` (paths as given by
 * `bodyFiles`, relative to where the scenario file path is relative to). A body file that
 * cannot be read is a diagnostic. Pass `files` on to `compileScenarios`.
 *
 * @example
 * const loaded = await loadScenarioFile(path, await fs.readFile(path, 'utf8'), { readFile: (p) => fs.readFile(p) });
 * const engine = compileScenarios(loaded.definitions, { files: loaded.files });
 */
export async function loadScenarioFile(
  file: string,
  text: string,
  options: { readFile: (path: string) => Promise<Uint8Array | string> },
): Promise<ParsedScenarioFile> {
  const read = readFile(file, text);
  const parsed = read.result;
  const encoder = new TextEncoder();
  for (const name of parsed.bodyFiles) {
    try {
      const content = await options.readFile(name);
      parsed.files.set(name, typeof content === 'string' ? encoder.encode(content) : content);
    } catch (error) {
      parsed.diagnostics.push({
        code: CODE,
        severity: 'error',
        message: `Failed to read the body file ${name} of ${file}: because ${error instanceof Error ? error.message : String(error)}. Check that the file exists next to the scenario.`,
        location: { file: name },
      });
    }
  }
  // Unreadable files were reported above; they count as empty so they are not reported twice.
  parsed.diagnostics.push(...read.check(parsed.files));
  return parsed;
}
