import type { Callback, HttpMethod, HttpOperation, Server } from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import { readResponses } from './content.js';
import { child, deref, entries, extensionsOf, invalid, type LoadContext } from './context.js';
import type { Located } from './documents.js';
import {
  mergeParameters,
  readParameters,
  readRequestBody,
  readSwaggerParameters,
} from './parameters.js';
import type { SchemaConverter } from './schemas.js';
import { readSecurity } from './security.js';
import { readServers } from './servers.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The extension a renamed operation keeps its source `operationId` in: operation ids must be
 * unique within a service, so the second operation with an id gets `METHOD path` instead, and
 * `lint` reports the duplicate from this key.
 */
export const DUPLICATE_OPERATION_ID = 'x-gauntlet-duplicate-operation-id';

/** Operation-independent defaults a path item's operations inherit. */
export interface OperationDefaults {
  /** 2.0 `consumes`/`produces` of the document. */
  consumes: string[];
  produces: string[];
}

interface Built {
  operation: HttpOperation;
  operationId?: string;
}

/** Reads one path item (following a `$ref`, whose sibling fields win) into operations. */
function readPathItem(
  ctx: LoadContext,
  schemas: SchemaConverter,
  raw: Located,
  path: string,
  defaults: OperationDefaults,
): Built[] {
  let node = raw;
  if (isRecord(raw.value) && typeof raw.value.$ref === 'string') {
    const target = deref(ctx, raw);
    if (!target) return [];
    const { $ref: _ref, ...siblings } = raw.value;
    node = isRecord(target.value) ? { ...target, value: { ...target.value, ...siblings } } : target;
  }
  if (!isRecord(node.value)) {
    invalid(ctx, node, `the path item "${path}" must be an object`);
    return [];
  }
  const pathServers = readServers(ctx, child(node, 'servers'));
  const out: Built[] = [];
  for (const method of METHODS) {
    if (node.value[method] === undefined) continue;
    const opNode = child(node, method);
    if (!isRecord(opNode.value)) {
      invalid(ctx, opNode, `the ${method.toUpperCase()} operation of "${path}" must be an object`);
      continue;
    }
    out.push(
      readOperation(
        ctx,
        schemas,
        { ...opNode, value: opNode.value },
        node,
        path,
        method,
        pathServers,
        defaults,
      ),
    );
  }
  return out;
}

function readOperation(
  ctx: LoadContext,
  schemas: SchemaConverter,
  node: Located<Record<string, unknown>>,
  pathItem: Located,
  path: string,
  method: (typeof METHODS)[number],
  pathServers: Server[],
  defaults: OperationDefaults,
): Built {
  const v = node.value;
  const upper = method.toUpperCase() as HttpMethod;
  const operation: HttpOperation = {
    id: `${upper} ${path}`,
    method: upper,
    path,
    tags: Array.isArray(v.tags) ? v.tags.filter((t): t is string => typeof t === 'string') : [],
    parameters: [],
    responses: [],
    callbacks: [],
  };
  if (typeof v.summary === 'string') operation.summary = v.summary;
  if (typeof v.description === 'string') operation.description = v.description;
  if (typeof v.deprecated === 'boolean') operation.deprecated = v.deprecated;
  const raw = mergeParameters(ctx, child(pathItem, 'parameters'), child(node, 'parameters'));
  let produces = defaults.produces;
  if (ctx.version === '2.0') {
    const consumes = mimeList(v.consumes) ?? defaults.consumes;
    produces = mimeList(v.produces) ?? defaults.produces;
    const read = readSwaggerParameters(ctx, schemas, raw, consumes);
    operation.parameters = read.parameters;
    if (read.requestBody) operation.requestBody = read.requestBody;
  } else {
    operation.parameters = readParameters(ctx, schemas, raw);
    const body = readRequestBody(ctx, schemas, child(node, 'requestBody'));
    if (body) operation.requestBody = body;
    const servers = readServers(ctx, child(node, 'servers'));
    if (servers.length > 0) operation.servers = servers;
    else if (pathServers.length > 0) operation.servers = pathServers;
    operation.callbacks = readCallbacks(ctx, schemas, child(node, 'callbacks'), defaults);
  }
  operation.responses = readResponses(ctx, schemas, child(node, 'responses'), produces);
  const security = readSecurity(ctx, child(node, 'security'));
  if (security) operation.security = security;
  const extensions = extensionsOf(v);
  if (extensions) operation.extensions = extensions;
  operation.source = node.doc.locate(node.pointer);
  const built: Built = { operation };
  if (typeof v.operationId === 'string' && v.operationId !== '') built.operationId = v.operationId;
  else if (v.operationId !== undefined)
    invalid(ctx, child(node, 'operationId'), '`operationId` must be a non-empty string');
  return built;
}

/** `consumes`/`produces` as a list of strings, or undefined when absent. */
export function mimeList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((m): m is string => typeof m === 'string');
}

function readCallbacks(
  ctx: LoadContext,
  schemas: SchemaConverter,
  node: Located,
  defaults: OperationDefaults,
): Callback[] {
  const out: Callback[] = [];
  for (const [name, raw] of entries(node)) {
    if (name.startsWith('x-')) continue;
    const at = deref(ctx, raw);
    if (!at) continue;
    if (!isRecord(at.value)) {
      invalid(ctx, at, `the callback "${name}" must be a map from expression to Path Item`);
      continue;
    }
    for (const [expression, pathItem] of entries(at)) {
      if (expression.startsWith('x-')) continue;
      // A callback's URL is the runtime expression; its operations have no path of their own.
      const built = readPathItem(ctx, schemas, pathItem, '/', defaults);
      out.push({ name, expression, operations: withIds(built, `${name} ${expression}`) });
    }
  }
  return out;
}

/** Callback operations keep their `operationId`; unnamed ones get `METHOD name expression`. */
function withIds(built: Built[], label: string): HttpOperation[] {
  return built.map(({ operation, operationId }) => ({
    ...operation,
    id: operationId ?? `${operation.method} ${label}`,
  }));
}

/** Reads `paths` and (3.1) `webhooks` into operations with unique ids. */
export function readOperations(
  ctx: LoadContext,
  schemas: SchemaConverter,
  root: Located<Record<string, unknown>>,
  defaults: OperationDefaults,
): { operations: HttpOperation[]; webhooks: HttpOperation[] } {
  const paths: Built[] = [];
  for (const [path, item] of entries(child(root, 'paths'))) {
    if (path.startsWith('x-')) continue;
    if (!path.startsWith('/')) {
      invalid(ctx, item, `the path "${path}" must start with "/"`);
      continue;
    }
    paths.push(...readPathItem(ctx, schemas, item, path, defaults));
  }
  const hooks: Built[] = [];
  const webhooks = child(root, 'webhooks');
  if (webhooks.value !== undefined && !isRecord(webhooks.value)) {
    invalid(ctx, webhooks, '`webhooks` must be a map from name to Path Item');
  }
  for (const [name, item] of entries(webhooks)) {
    for (const built of readPathItem(ctx, schemas, item, '/', defaults)) {
      built.operation.id = `${built.operation.method} ${name}`;
      hooks.push(built);
    }
  }
  assignIds([...paths, ...hooks]);
  return { operations: paths.map((b) => b.operation), webhooks: hooks.map((b) => b.operation) };
}

/**
 * `operationId` where it is unique; the fallback (`METHOD path`, or `METHOD name` for webhooks)
 * otherwise, keeping the duplicated id in `DUPLICATE_OPERATION_ID`.
 */
function assignIds(all: Built[]): void {
  const used = new Set<string>();
  for (const built of all) {
    if (built.operationId !== undefined && !used.has(built.operationId)) {
      built.operation.id = built.operationId;
      used.add(built.operationId);
    }
  }
  for (const built of all) {
    if (built.operationId !== undefined && built.operation.id === built.operationId) continue;
    if (built.operationId !== undefined) {
      built.operation.extensions = {
        ...built.operation.extensions,
        [DUPLICATE_OPERATION_ID]: built.operationId,
      };
    }
    const base = built.operation.id;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base} #${n}`;
    built.operation.id = id;
    used.add(id);
  }
}
