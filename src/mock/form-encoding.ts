/**
 * The `encoding` of a form body (OpenAPI 3 media type object), compiled once per request body
 * content: which urlencoded properties must not carry raw reserved characters
 * (`allowReserved`), which arrive delimited rather than repeated (`style`/`explode`), and which
 * multipart parts are JSON (`contentType`, or an object property by default).
 */
import { essence } from '../http/media-type.js';
import type { Diagnostic, MediaContent, ParameterStyle } from '../model/index.js';
import { deref, type SchemaRegistry, type Shape, schemaShape } from '../schema/coerce.js';
import { safeDecode } from '../util/text.js';
import { MOCK_CODES } from './codes.js';
import { deserializeSimple } from './deserialize.js';

/** RFC 3986 reserved characters, which `allowReserved: false` wants percent-encoded. */
const RESERVED = /[:/?#[\]@!$&'()*+,;=]/;

const DELIMITERS: Partial<Record<ParameterStyle, string>> = {
  spaceDelimited: ' ',
  pipeDelimited: '|',
};

/** How each delimiter looks before decoding (a space is `+` in a form body). */
const RAW_DELIMITERS: Record<string, string> = { ',': ',', ' ': '+', '|': '|' };

interface PropertyRule {
  name: string;
  /** urlencoded: raw reserved characters are refused. */
  strictReserved: boolean;
  /** urlencoded: the value is one delimited string (explode false), read into `shape`. */
  delimited?: { delimiter: string; shape: Shape };
  /** multipart: the part's text is JSON. */
  json: boolean;
}

export interface FormEncoding {
  /** The parsed fields with delimited values split and JSON parts parsed. */
  apply(fields: Record<string, unknown>): Record<string, unknown>;
  /** Diagnostics for reserved characters sent raw where `allowReserved` is not true. */
  reserved(bytes: Uint8Array, diagnostics: Diagnostic[]): void;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Compiles a form content's encoding; undefined when it changes nothing (the common case). */
export function compileFormEncoding(
  content: MediaContent,
  schemas: SchemaRegistry,
): FormEncoding | undefined {
  const type = essence(content.mediaType);
  const urlencoded = type === 'application/x-www-form-urlencoded';
  const multipart = type === 'multipart/form-data';
  if (!urlencoded && !multipart) return undefined;
  const properties = deref(content.schema, schemas)?.properties;
  if (typeof properties !== 'object' || properties === null) return undefined;
  const rules: PropertyRule[] = [];
  for (const [name, schema] of Object.entries(properties as Record<string, unknown>)) {
    const encoding = content.encoding?.[name];
    const shape = schemaShape(schema as Parameters<typeof schemaShape>[0], schemas);
    const rule: PropertyRule = { name, strictReserved: false, json: false };
    if (urlencoded) {
      rule.strictReserved = encoding !== undefined && encoding.allowReserved !== true;
      const style = encoding?.style ?? 'form';
      const explode = encoding?.explode ?? style === 'form';
      if (!explode && shape !== 'primitive')
        rule.delimited = { delimiter: DELIMITERS[style] ?? ',', shape };
    } else {
      const partType = encoding?.contentType;
      rule.json = partType === undefined ? shape === 'object' : /json/i.test(partType);
    }
    if (rule.strictReserved || rule.delimited || rule.json) rules.push(rule);
  }
  if (rules.length === 0) return undefined;
  // Field name → the raw delimiter its value may hold (a separator, not a reserved character).
  const strict = new Map(
    rules
      .filter((r) => r.strictReserved)
      .map((r) => [r.name, r.delimited ? RAW_DELIMITERS[r.delimited.delimiter] : undefined]),
  );
  return {
    apply(fields) {
      const out = { ...fields };
      for (const rule of rules) {
        const value = out[rule.name];
        if (typeof value !== 'string') continue;
        if (rule.delimited) {
          const { delimiter, shape } = rule.delimited;
          out[rule.name] =
            delimiter === ','
              ? deserializeSimple(value, false, shape)
              : deserializeSimple(value.split(delimiter).join(','), false, shape);
        } else if (rule.json) {
          try {
            out[rule.name] = JSON.parse(value);
          } catch {
            // Left as text: the schema check says what is wrong with it.
          }
        }
      }
      return out;
    },
    reserved(bytes, diagnostics) {
      if (strict.size === 0) return;
      for (const pair of utf8.decode(bytes).split('&')) {
        const eq = pair.indexOf('=');
        if (eq < 0) continue;
        const name = safeDecode(pair.slice(0, eq).replace(/\+/g, ' '));
        if (!strict.has(name)) continue;
        const delimiter = strict.get(name);
        const raw = pair.slice(eq + 1);
        const items = delimiter === undefined ? [raw] : raw.split(delimiter);
        if (!items.some((item) => RESERVED.test(item))) continue;
        diagnostics.push({
          code: MOCK_CODES.bodyInvalid,
          severity: 'error',
          message: `The form field "${name}" holds reserved characters that are not percent-encoded; encode them, or declare allowReserved: true in its encoding.`,
          path: `/body/${name}`,
        });
      }
    },
  };
}
