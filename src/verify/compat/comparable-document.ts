import { detectFormat } from '../../formats/detect.js';
import { convertRaml } from '../../formats/raml/convert-raml.js';
import { serviceSlug } from '../../formats/slug.js';
import type { Diagnostic } from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import type { CompatPact, CompatSpec } from './check-compat.js';

/** One file, read as something compat and diff can compare. */
export type ComparableDocument =
  | { kind: 'spec'; spec: CompatSpec; diagnostics: Diagnostic[] }
  | { kind: 'pact'; pact: CompatPact; diagnostics: Diagnostic[] }
  | { kind: 'other'; reason: string; diagnostics: Diagnostic[] };

/**
 * Reads a contract text as the raw document the comparators need: OpenAPI/Swagger as parsed,
 * RAML converted to OpenAPI 3.0 through AMF (the same conversion the RAML loader uses), pacts as
 * parsed JSON. The spec's name is the service slug every loader gives it (title, else file name).
 *
 * @example
 * const doc = await comparableDocument('contracts/raml/payments.raml', text, readFile);
 * if (doc.kind === 'spec') doc.spec.document.openapi; // '3.0.0'
 */
export async function comparableDocument(
  file: string,
  text: string,
  readFile: (path: string) => Promise<string>,
): Promise<ComparableDocument> {
  const detection = detectFormat(file, text);
  switch (detection.family) {
    case 'unparsable':
      return { kind: 'other', reason: 'not valid JSON/YAML', diagnostics: detection.diagnostics };
    case 'raml-fragment':
      return { kind: 'other', reason: `RAML ${detection.kind} fragment`, diagnostics: [] };
    case 'unknown':
      return { kind: 'other', reason: detection.reason, diagnostics: [] };
    case 'hoverfly':
      return { kind: 'other', reason: 'Hoverfly simulation', diagnostics: [] };
    case 'postman':
      return { kind: 'other', reason: 'Postman collection', diagnostics: [] };
    case 'pact':
      return {
        kind: 'pact',
        pact: { file, document: detection.document?.value },
        diagnostics: [],
      };
    case 'openapi': {
      const value = detection.document?.value;
      if (!isRecord(value)) return { kind: 'other', reason: 'not an object', diagnostics: [] };
      const info = isRecord(value.info) ? value.info : {};
      const title = typeof info.title === 'string' ? info.title : undefined;
      return {
        kind: 'spec',
        spec: { file, name: serviceSlug(title, file, 'api'), document: value },
        diagnostics: [],
      };
    }
    case 'raml': {
      const converted = await convertRaml({ file, text, readFile });
      if (!converted.openapi) {
        return {
          kind: 'other',
          reason: 'RAML conversion failed',
          diagnostics: converted.diagnostics,
        };
      }
      return {
        kind: 'spec',
        spec: {
          file,
          name: serviceSlug(converted.title, file, 'api'),
          document: converted.openapi,
        },
        diagnostics: converted.diagnostics.filter((d) => d.severity !== 'error'),
      };
    }
  }
}
