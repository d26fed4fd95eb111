import type {
  Encoding,
  Example,
  Header,
  MediaContent,
  ParameterStyle,
  Response,
} from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import { child, deref, entries, invalid, type LoadContext } from './context.js';
import type { Located } from './documents.js';
import type { SchemaConverter } from './schemas.js';
import { swaggerSimpleSchema } from './swagger-schema.js';

const STYLES = new Set<ParameterStyle>([
  'matrix',
  'label',
  'form',
  'simple',
  'spaceDelimited',
  'pipeDelimited',
  'deepObject',
]);

export function styleOf(value: unknown): ParameterStyle | undefined {
  return typeof value === 'string' && STYLES.has(value as ParameterStyle)
    ? (value as ParameterStyle)
    : undefined;
}

/** `example` (as `default`) and `examples` (Example Objects, possibly `$ref`s) of a 3.x object. */
export function readExamples(ctx: LoadContext, node: Located<Record<string, unknown>>): Example[] {
  const out: Example[] = [];
  if (node.value.example !== undefined) out.push({ name: 'default', value: node.value.example });
  const examples = child(node, 'examples');
  if (examples.value !== undefined && !isRecord(examples.value)) {
    invalid(ctx, examples, '`examples` must be a map of Example Objects');
    return out;
  }
  for (const [name, raw] of entries(examples)) {
    const at = deref(ctx, raw);
    if (!at) continue;
    const v = at.value;
    if (!isRecord(v)) {
      invalid(ctx, at, `the example "${name}" must be an object`);
      continue;
    }
    const example: Example = { name };
    if (typeof v.summary === 'string') example.summary = v.summary;
    if (typeof v.description === 'string') example.description = v.description;
    if (v.value !== undefined) example.value = v.value;
    if (typeof v.externalValue === 'string') example.externalValue = v.externalValue;
    out.push(example);
  }
  return out;
}

/** A 3.x `content` map → media contents. */
export function readContent(
  ctx: LoadContext,
  schemas: SchemaConverter,
  node: Located,
): MediaContent[] {
  if (node.value === undefined) return [];
  if (!isRecord(node.value)) {
    invalid(ctx, node, '`content` must be a map from media type to Media Type Object');
    return [];
  }
  const out: MediaContent[] = [];
  for (const [mediaType, raw] of entries(node)) {
    const at = deref(ctx, raw);
    if (!at) continue;
    if (!isRecord(at.value)) {
      invalid(ctx, at, `the media type "${mediaType}" must be an object`);
      continue;
    }
    const media = { ...at, value: at.value };
    const content: MediaContent = { mediaType, examples: readExamples(ctx, media) };
    if (at.value.schema !== undefined) content.schema = schemas.convert(child(at, 'schema'));
    const encoding = readEncoding(ctx, schemas, child(at, 'encoding'));
    if (encoding) content.encoding = encoding;
    out.push(content);
  }
  return out;
}

function readEncoding(
  ctx: LoadContext,
  schemas: SchemaConverter,
  node: Located,
): Record<string, Encoding> | undefined {
  if (!isRecord(node.value)) return undefined;
  const out: Record<string, Encoding> = {};
  for (const [name, at] of entries(node)) {
    const v = at.value;
    if (!isRecord(v)) continue;
    const encoding: Encoding = {};
    if (typeof v.contentType === 'string') encoding.contentType = v.contentType;
    const style = styleOf(v.style);
    if (style) encoding.style = style;
    if (typeof v.explode === 'boolean') encoding.explode = v.explode;
    if (typeof v.allowReserved === 'boolean') encoding.allowReserved = v.allowReserved;
    if (v.headers !== undefined) encoding.headers = readHeaders(ctx, schemas, child(at, 'headers'));
    out[name] = encoding;
  }
  return out;
}

/** A `headers` map (3.x Header Objects or 2.0 Header Objects) → headers; `Content-Type` is skipped. */
export function readHeaders(ctx: LoadContext, schemas: SchemaConverter, node: Located): Header[] {
  if (node.value === undefined) return [];
  if (!isRecord(node.value)) {
    invalid(ctx, node, '`headers` must be a map of Header Objects');
    return [];
  }
  const out: Header[] = [];
  for (const [name, raw] of entries(node)) {
    if (name.toLowerCase() === 'content-type') continue;
    const at = deref(ctx, raw);
    if (!at) continue;
    const v = at.value;
    if (!isRecord(v)) {
      invalid(ctx, at, `the header "${name}" must be an object`);
      continue;
    }
    const header: Header = { name, required: v.required === true, examples: [] };
    if (typeof v.description === 'string') header.description = v.description;
    if (ctx.version === '2.0') {
      header.schema = swaggerSimpleSchema(schemas, at);
      out.push(header);
      continue;
    }
    if (typeof v.deprecated === 'boolean') header.deprecated = v.deprecated;
    if (v.schema !== undefined) header.schema = schemas.convert(child(at, 'schema'));
    else if (v.content !== undefined) {
      const first = readContent(ctx, schemas, child(at, 'content'))[0];
      if (first?.schema !== undefined) header.schema = first.schema;
    }
    const style = styleOf(v.style);
    if (style) header.style = style;
    if (typeof v.explode === 'boolean') header.explode = v.explode;
    header.examples = readExamples(ctx, { ...at, value: v });
    out.push(header);
  }
  return out;
}

const STATUS = /^([1-5][0-9][0-9]|[1-5]XX|default)$/i;

/** A `responses` map → responses (3.x or 2.0, with the operation's `produces` for 2.0). */
export function readResponses(
  ctx: LoadContext,
  schemas: SchemaConverter,
  node: Located,
  produces: string[],
): Response[] {
  if (node.value === undefined) return [];
  if (!isRecord(node.value)) {
    invalid(ctx, node, '`responses` must be a map from status code to Response Object');
    return [];
  }
  const out: Response[] = [];
  for (const [key, raw] of entries(node)) {
    if (key.startsWith('x-')) continue;
    if (!STATUS.test(key)) {
      invalid(ctx, raw, `"${key}" is not a status code, a range like 2XX, or default`);
      continue;
    }
    const at = deref(ctx, raw);
    if (!at) continue;
    const v = at.value;
    if (!isRecord(v)) {
      invalid(ctx, at, `the response "${key}" must be an object`);
      continue;
    }
    const status =
      key === 'default' || key.toLowerCase() === 'default' ? 'default' : key.toUpperCase();
    const response: Response = {
      status,
      headers: readHeaders(ctx, schemas, child(at, 'headers')),
      contents:
        ctx.version === '2.0'
          ? swaggerResponseContents(schemas, { ...at, value: v }, produces)
          : readContent(ctx, schemas, child(at, 'content')),
    };
    if (typeof v.description === 'string') response.description = v.description;
    if (isRecord(v.links)) {
      const links: Record<string, unknown> = {};
      for (const [name, link] of entries(child(at, 'links'))) {
        const resolved = deref(ctx, link);
        if (resolved) links[name] = resolved.value;
      }
      response.links = links;
    }
    out.push(response);
  }
  return out;
}

/** 2.0: one content per `produces` type sharing the schema; `examples` are keyed by mime type. */
function swaggerResponseContents(
  schemas: SchemaConverter,
  node: Located<Record<string, unknown>>,
  produces: string[],
): MediaContent[] {
  const schema =
    node.value.schema !== undefined ? schemas.convert(child(node, 'schema')) : undefined;
  const examples = isRecord(node.value.examples) ? node.value.examples : {};
  const types = [...produces];
  for (const mime of Object.keys(examples)) if (!types.includes(mime)) types.push(mime);
  if (schema === undefined && Object.keys(examples).length === 0) return [];
  return types.map((mediaType) => {
    const content: MediaContent = {
      mediaType,
      examples: mediaType in examples ? [{ name: 'default', value: examples[mediaType] }] : [],
    };
    if (schema !== undefined) content.schema = schema;
    return content;
  });
}
