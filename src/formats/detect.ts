import { isRecord } from '../util/guards.js';
import { type ParsedDocument, parseJsonOrYaml, stripBom } from './parse.js';
import { postmanVersion } from './postman/version.js';
import type { FormatFamily } from './types.js';

export type Detection =
  | { family: FormatFamily; document?: ParsedDocument }
  | { family: 'raml-fragment'; kind: string }
  | { family: 'unknown'; reason: string; document?: ParsedDocument }
  | {
      family: 'unparsable';
      document?: undefined;
      diagnostics: import('../model/index.js').Diagnostic[];
    };

const RAML_HEADER = /^#%RAML[ \t]+(0\.8|1\.0)[ \t]*([A-Za-z]*)/;

/**
 * Decides a file's format family from its content (never only from its name): the RAML
 * header line, `openapi`/`swagger` keys, pact `consumer`+`provider`, Hoverfly `data`+`meta`,
 * Postman `info.schema`+`item` (or a v1 collection's `requests`).
 */
export function detectFormat(file: string, text: string): Detection {
  const body = stripBom(text);
  const raml = RAML_HEADER.exec(body);
  if (raml) {
    const fragment = raml[2] ?? '';
    // Overlays and extensions are full APIs layered on a master; the rest are building blocks.
    if (fragment === '' || fragment === 'Overlay' || fragment === 'Extension')
      return { family: 'raml' };
    return { family: 'raml-fragment', kind: fragment };
  }
  const parsed = parseJsonOrYaml(file, body);
  if (!parsed.ok) return { family: 'unparsable', diagnostics: parsed.diagnostics };
  const value = parsed.document.value;
  if (!isRecord(value)) {
    return {
      family: 'unknown',
      reason: 'the document is not a JSON/YAML object',
      document: parsed.document,
    };
  }
  if ('openapi' in value || 'swagger' in value)
    return { family: 'openapi', document: parsed.document };
  if (isRecord(value.consumer) || isRecord(value.provider)) {
    if ('interactions' in value || 'messages' in value)
      return { family: 'pact', document: parsed.document };
  }
  if (isRecord(value.data) && isRecord(value.meta))
    return { family: 'hoverfly', document: parsed.document };
  // v1 collections are recognised too, so the loader can say how to convert them.
  if (postmanVersion(value)) return { family: 'postman', document: parsed.document };
  if ('$schema' in value || 'properties' in value || 'type' in value) {
    return {
      family: 'unknown',
      reason: 'it looks like a JSON Schema, not a contract',
      document: parsed.document,
    };
  }
  return {
    family: 'unknown',
    reason:
      'it has none of the keys that mark a contract (`openapi`, `swagger`, pact `consumer`/`provider` with `interactions`, Hoverfly `data`/`meta`, Postman `info`/`item`, or a `#%RAML` header)',
    document: parsed.document,
  };
}
