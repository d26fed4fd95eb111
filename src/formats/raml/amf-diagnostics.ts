import type { AMFValidationResult } from 'amf-client-js';
import type { Diagnostic, Severity, SourceLocation } from '../../model/index.js';
import { urlToPath } from './virtual-urls.js';

/** Maps AMF's file URLs back to the user's paths. */
export type UrlToUserPath = (url: string | undefined) => string;

function severityOf(level: string): Severity {
  if (level === 'Violation') return 'error';
  if (level === 'Warning') return 'warning';
  return 'info';
}

/**
 * An example that does not match its type is a finding about the contract, not a reason to
 * refuse to load it: OpenAPI examples are checked by `gauntlet lint` the same way, and the mock
 * reports an invalid example when it serves it.
 */
function isExampleMismatch(result: AMFValidationResult): boolean {
  return /#example-validation-error$/.test(result.validationId ?? '');
}

/**
 * Findings AMF treats as violations that the RAML 0.8 tools of their day let pass: a draft-03
 * JSON schema with a draft-04 `required: [..]` list (left inline in the RAML, where Gauntlet
 * cannot rewrite it; included files are rewritten before AMF sees them), and "YAML map
 * expected" where an included file or a node is not the map AMF wants. The API still loads;
 * the part AMF could not read is left out.
 */
function isLenient08(result: AMFValidationResult): boolean {
  const id = result.validationId ?? '';
  return (
    /#invalid-required-array-for-schema-version$/.test(id) ||
    (/#syaml-error$/.test(id) && /YAML map expected/.test(result.message))
  );
}

function codeOf(result: AMFValidationResult): string {
  const id = result.validationId ?? '';
  if (isExampleMismatch(result)) return 'lint.example.invalid';
  if (result.severityLevel !== 'Violation') return 'raml.warning';
  if (/unresolved-reference|unresolved-include|file-not-found/i.test(id)) {
    return 'GAUNTLET_E_REF_UNRESOLVED';
  }
  if (/syaml|yaml-error|parse-error|syntax/i.test(id)) return 'GAUNTLET_E_SPEC_PARSE';
  return 'GAUNTLET_E_SPEC_INVALID';
}

/** AMF lines are 1-based and columns 0-based; ours are both 1-based. */
function locationOf(result: AMFValidationResult, toPath: UrlToUserPath): SourceLocation {
  const file = toPath(result.location);
  const range = result.position;
  if (!range || (range.lineFrom === 0 && range.columnFrom === 0)) return { file };
  return { file, line: range.lineFrom, column: range.columnFrom + 1 };
}

function place(location: SourceLocation): string {
  if (location.line === undefined) return location.file;
  return `${location.file}:${location.line}:${location.column ?? 1}`;
}

const FILE_URL = /file:\/\/[^\s,'"()]+/g;

/** AMF quotes thrown errors as `Error: …`; the prefix says nothing to a user. */
function cleanMessage(message: string): string {
  return message
    .replace(/^(Error|TypeError):\s*/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.$/, '');
}

/**
 * Turns AMF validation results into diagnostics located in the user's files, e.g.
 * `Failed to load api.raml: because api.raml:12:7: should be boolean. Fix the RAML at that place.`
 * Duplicates (AMF reports a missing include once per stage) are dropped.
 */
export function amfResultsToDiagnostics(
  file: string,
  results: readonly AMFValidationResult[],
  toPath: UrlToUserPath,
  options: { lenient?: boolean } = {},
): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const result of results) {
    const code = codeOf(result);
    const location = locationOf(result, toPath);
    const text = cleanMessage(result.message).replace(FILE_URL, (url) => toPath(url));
    // A missing include comes back twice at the same place ("Error: …" and "Unresolved
    // reference …"): one per place is enough.
    const key =
      code === 'GAUNTLET_E_REF_UNRESOLVED'
        ? `${code} ${place(location)}`
        : `${code} ${place(location)} ${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (options.lenient && isLenient08(result)) {
      out.push({
        code: 'GAUNTLET_W_RAML_LENIENT',
        severity: 'warning',
        message: `${place(location)}: ${text}. Loaded leniently, as RAML 0.8 tools do (AMF leaves that part out); fix it there, \`--strict\` refuses it.`,
        location,
      });
      continue;
    }
    if (isExampleMismatch(result)) {
      out.push({
        code,
        severity: 'warning',
        message: `The example at ${place(location)} does not match its type: ${text}. Fix the example; the API still loads.`,
        location,
      });
      continue;
    }
    const severity = severityOf(result.severityLevel);
    const fix =
      code === 'GAUNTLET_E_REF_UNRESOLVED'
        ? 'Check the path of the `!include` or `uses:` entry'
        : 'Fix the RAML at that place';
    out.push({
      code,
      severity,
      message:
        severity === 'error'
          ? `Failed to load ${file}: because ${place(location)}: ${text}. ${fix}.`
          : `${place(location)}: ${text}. ${fix}.`,
      location,
    });
  }
  return out;
}

/** `urlToPath`, with the main file's URL mapped to the path exactly as the user gave it. */
export function userPathMapper(file: string, mainUrl: string): UrlToUserPath {
  return (url) => {
    if (url === undefined || url === '' || url === mainUrl) return file;
    return urlToPath(url) ?? url;
  };
}
