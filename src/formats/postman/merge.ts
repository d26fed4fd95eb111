/**
 * Requests of a collection that share a method and path are one operation (Prism merges them the
 * same way): parameters both declare stay as declared, the others become optional; responses
 * with the same status unite their headers and, per media type, their examples and schemas.
 */
import type {
  Header,
  HttpOperation,
  JsonSchema,
  MediaContent,
  Parameter,
  RequestBody,
  Response,
  Server,
} from '../../model/index.js';

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function mergeSchemas(
  a: JsonSchema | undefined,
  b: JsonSchema | undefined,
): JsonSchema | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const list = (s: JsonSchema): JsonSchema[] =>
    typeof s === 'object' && Array.isArray(s.anyOf) && Object.keys(s).length === 1
      ? (s.anyOf as JsonSchema[])
      : [s];
  const out = list(a);
  for (const schema of list(b)) if (!out.some((s) => same(s, schema))) out.push(schema);
  return out.length === 1 ? out[0] : { anyOf: out };
}

function mergeNamed<T extends { name: string; required: boolean; schema?: JsonSchema }>(
  first: T[],
  second: T[],
  key: (item: T) => string,
): T[] {
  const out = first.map((a) => {
    const b = second.find((x) => key(x) === key(a));
    if (!b) return { ...a, required: false };
    const schema = mergeSchemas(a.schema, b.schema);
    return { ...b, ...a, required: a.required && b.required, ...(schema ? { schema } : {}) };
  });
  for (const b of second)
    if (!first.some((a) => key(a) === key(b))) out.push({ ...b, required: false });
  return out;
}

const byName = (p: Parameter | Header) => `${'in' in p ? p.in : ''}:${p.name.toLowerCase()}`;

function mergeContents(first: MediaContent[], second: MediaContent[]): MediaContent[] {
  const out = first.map((c) => ({ ...c, examples: [...c.examples] }));
  for (const c of second) {
    const target = out.find((o) => o.mediaType.toLowerCase() === c.mediaType.toLowerCase());
    if (!target) {
      out.push(c);
      continue;
    }
    const schema = mergeSchemas(target.schema, c.schema);
    if (schema !== undefined) target.schema = schema;
    for (const example of c.examples)
      if (!target.examples.some((e) => same(e.value, example.value))) target.examples.push(example);
  }
  return out;
}

/** Adds `next` to `responses`, uniting it with a response of the same status. */
export function mergeResponse(responses: Response[], next: Response): Response[] {
  const index = responses.findIndex((r) => r.status === next.status);
  if (index < 0) return [...responses, next];
  const current = responses[index]!;
  const merged: Response = {
    ...current,
    headers: mergeNamed(current.headers, next.headers, byName),
    contents: mergeContents(current.contents, next.contents),
  };
  return responses.map((r, i) => (i === index ? merged : r));
}

function mergeBodies(a: RequestBody | undefined, b: RequestBody | undefined) {
  if (!a || !b) return a ?? b;
  return {
    ...a,
    required: a.required && b.required,
    contents: mergeContents(a.contents, b.contents),
  };
}

function mergeServers(a: Server[] | undefined, b: Server[] | undefined): Server[] | undefined {
  const out = [...(a ?? [])];
  for (const s of b ?? []) if (!out.some((o) => o.url === s.url)) out.push(s);
  return out.length > 0 ? out : undefined;
}

function mergeTwo(a: HttpOperation, b: HttpOperation): HttpOperation {
  const merged: HttpOperation = {
    ...a,
    parameters: mergeNamed(a.parameters, b.parameters, byName),
    responses: b.responses.reduce(mergeResponse, a.responses),
  };
  const body = mergeBodies(a.requestBody, b.requestBody);
  if (body) merged.requestBody = body;
  const servers = mergeServers(a.servers, b.servers);
  if (servers) merged.servers = servers;
  return merged;
}

/** One operation per method and path, in the order the collection first names each. */
export function mergeOperations(operations: HttpOperation[]): HttpOperation[] {
  const out: HttpOperation[] = [];
  const index = new Map<string, number>();
  for (const operation of operations) {
    const key = `${operation.method} ${operation.path}`;
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, out.length);
      out.push(operation);
    } else out[at] = mergeTwo(out[at]!, operation);
  }
  return laterFirstOnTies(out);
}

/**
 * Prism tries the paths that match a request equally well (`/orders/{id}` and
 * `/orders/{orderId}`) last-declared first; the engine's router lets the first registered win,
 * so such operations swap places here.
 */
function laterFirstOnTies(operations: HttpOperation[]): HttpOperation[] {
  const groups = new Map<string, number[]>();
  operations.forEach((operation, i) => {
    const key = `${operation.method} ${operation.path.replace(/\{[^}]*\}/g, '{}')}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const out = [...operations];
  for (const indexes of groups.values()) {
    if (indexes.length < 2) continue;
    const reversed = [...indexes].reverse();
    indexes.forEach((at, k) => {
      out[at] = operations[reversed[k]!]!;
    });
  }
  return out;
}
