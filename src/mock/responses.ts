import { essence, isJsonMediaType } from '../http/media-type.js';
import type { SchemaCompiler } from '../matching/json-schema.js';
import type {
  Example,
  Header,
  HttpOperation,
  JsonSchema,
  MediaContent,
  Response,
} from '../model/index.js';
import { deref, type SchemaRegistry } from '../schema/coerce.js';
import { fakeValue } from '../schema/fake.js';
import { sampleValue } from '../schema/sample.js';
import { hashString, seededRandom } from '../util/random.js';

const encoder = new TextEncoder();

/** One ready-to-send answer: status, header block and body bytes, all built once. */
export interface Variant {
  status: number;
  headers: Array<[string, string]>;
  body?: Uint8Array;
  /** The body as a value, for `$response.body#/…` in callback URLs. */
  value?: unknown;
  /** Set when the body is a contract example that does not match its schema. */
  invalidExample?: { key: string; message: string };
}

export interface BuildContext {
  operation: HttpOperation;
  schemas: SchemaRegistry;
  compiler: SchemaCompiler | undefined;
  validateExamples: boolean;
  seed: number;
}

/** A response of the contract with its numeric status (`default` → `fallbackStatus`). */
export interface ResponseRef {
  response: Response;
  status: number;
}

/** Numeric status of a response code: `404` → 404, `4XX` → 400, `default` → 200. */
export function numericStatus(code: string, fallback = 200): number {
  if (/^\d{3}$/.test(code)) return Number(code);
  if (/^[1-5]xx$/i.test(code)) return Number(code[0]) * 100;
  return fallback;
}

/** Serialises a value as a header value (simple style: arrays and objects comma-joined). */
export function headerValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(headerValue).join(',');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k},${headerValue(v)}`)
      .join(',');
  }
  return String(value);
}

/** Serialises a body value for a media type: strings as text unless JSON, else JSON. */
export function encodeBody(value: unknown, mediaType: string): Uint8Array {
  if (typeof value === 'string' && !isJsonMediaType(mediaType)) return encoder.encode(value);
  if (value instanceof Uint8Array) return value;
  return encoder.encode(JSON.stringify(value));
}

function firstExample(examples: readonly Example[]): Example | undefined {
  return examples.find((e) => e.value !== undefined);
}

function generate(
  schema: JsonSchema,
  ctx: BuildContext,
  random: () => number,
  validate?: (v: unknown) => unknown[],
): unknown {
  // jsf first (its values read well), a few seeded attempts, keeping the first valid one; a
  // schema that reaches a `$ref` cycle is sampled instead, bounded (see fakeValue).
  let value: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      value = fakeValue(schema, ctx.schemas, random);
    } catch {
      value = undefined;
      continue;
    }
    if (!validate || validate(value).length === 0) return value;
  }
  // jsf cuts recursion by writing `{}` (required properties lost) and throws on some schemas:
  // the validity-first sampler then, with and without the schema's own examples, so that a
  // documented JSON body is never empty and never breaks its schema where a valid value exists.
  // Later attempts fill every optional property, which tells overlapping `oneOf` branches apart.
  let fallback: unknown;
  for (let attempt = 0; attempt < 8; attempt++) {
    const candidate = sampleValue(schema, ctx.schemas, random, {
      useExamples: attempt % 2 === 1,
      full: attempt >= 2,
    });
    if (!validate || validate(candidate).length === 0) return candidate;
    fallback ??= candidate;
  }
  return value ?? fallback;
}

function headerBlockValue(
  header: Header,
  ctx: BuildContext,
  random: () => number,
): string | undefined {
  const example = firstExample(header.examples);
  if (example) return headerValue(example.value);
  if (header.schema === undefined) return header.required ? '' : undefined;
  const s = deref(header.schema, ctx.schemas);
  if (s && s.example !== undefined) return headerValue(s.example);
  if (s && Array.isArray(s.examples) && s.examples.length > 0) return headerValue(s.examples[0]);
  try {
    return headerValue(fakeValue(header.schema, ctx.schemas, random));
  } catch {
    return undefined;
  }
}

export interface VariantRequest {
  ref: ResponseRef;
  /** Index into `ref.response.contents`, or undefined for a body-less response. */
  contentIndex: number | undefined;
  contentType: string | undefined;
  /** A named example (Prefer example=…); undefined = the first example, or generated. */
  exampleName?: string;
  /** Generate from the schema even when examples exist (Prefer dynamic=true). */
  dynamic?: boolean;
  /** The random source; static variants use one seeded from the operation and response. */
  random?: () => number;
  /** Compiled validator of the content schema, for invalid-example detection. */
  validate?: (value: unknown) => unknown[];
}

/** Returned when a named example does not exist. */
export const NO_SUCH_EXAMPLE = Symbol('no such example');

/** Builds the bytes of one answer. Static variants are built once and cached by the caller. */
export function buildVariant(
  request: VariantRequest,
  ctx: BuildContext,
): Variant | typeof NO_SUCH_EXAMPLE {
  const { ref, contentIndex, contentType } = request;
  const random =
    request.random ??
    seededRandom(
      hashString(
        `${ctx.seed}|${ctx.operation.id}|${ref.response.status}|${contentType ?? ''}|${request.exampleName ?? ''}`,
      ),
    );
  const headers: Array<[string, string]> = [];
  const variant: Variant = { status: ref.status, headers };
  const content: MediaContent | undefined =
    contentIndex === undefined ? undefined : ref.response.contents[contentIndex];
  if (content && contentType) {
    headers.push(['Content-Type', contentType]);
    let value: unknown;
    let fromExample: Example | undefined;
    if (request.exampleName !== undefined) {
      fromExample = content.examples.find((e) => e.name === request.exampleName);
      if (!fromExample || fromExample.value === undefined) return NO_SUCH_EXAMPLE;
      value = fromExample.value;
    } else if (!request.dynamic) {
      fromExample = firstExample(content.examples);
      value = fromExample?.value;
    }
    if (fromExample === undefined && content.schema !== undefined) {
      value = generate(content.schema, ctx, random, request.validate);
    }
    if (value !== undefined) {
      variant.value = value;
      variant.body = encodeBody(value, essence(contentType));
    }
    if (fromExample && request.validate && ctx.validateExamples) {
      const issues = request.validate(fromExample.value);
      if (issues.length > 0) {
        const first = issues[0] as { path?: string; message?: string };
        variant.invalidExample = {
          key: `${ref.response.status}|${content.mediaType}|${fromExample.name}`,
          message:
            `The example "${fromExample.name}" of ${ctx.operation.id} (response ${ref.response.status}, ${content.mediaType}) does not match its schema: ${first.path || '/'} ${first.message ?? ''}`.trim(),
        };
      }
    }
  }
  // As Prism documents: a deprecated operation says so on every answer from the contract.
  if (ctx.operation.deprecated) headers.push(['Deprecation', 'true']);
  for (const header of ref.response.headers) {
    const lower = header.name.toLowerCase();
    if (lower === 'content-type' || lower === 'content-length') continue;
    const value = headerBlockValue(header, ctx, random);
    if (value !== undefined) headers.push([header.name, value]);
  }
  return variant;
}
