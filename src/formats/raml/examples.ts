import type { BaseUnit, EndPoint, Example, Operation, Parameter, Shape } from 'amf-client-js';
import { parse as parseYaml } from 'yaml';
import { isRecord } from '../../util/guards.js';

/**
 * RAML examples, carried across the OpenAPI conversion by hand.
 *
 * AMF's conversion loses them: it folds a payload's examples into the `x-amf-examples` of the
 * shared type (so every operation using `Org` shows every operation's examples) or into the
 * schema's `example`. We read them from the AMF model instead and write them as OpenAPI
 * `examples` next to the media type, parameter or header they belong to.
 *
 * AMF's resolution also merges examples into shared types *in the model*. So before resolving,
 * we note which payload/parameter each example was written on (its "owner"); after resolving, an
 * example stays on a payload only if it was written there, or written on no payload at all (on a
 * type, trait or resource type).
 */

/** Where an example belongs in the OpenAPI document. */
export type ExampleOwner =
  | { kind: 'body'; path: string; method: string; status?: string; mediaType: string }
  | { kind: 'parameter'; path: string; method: string; in: string; name: string }
  | { kind: 'response-header'; path: string; method: string; status: string; name: string };

export interface ConvertedExample {
  name: string;
  value: unknown;
  summary?: string;
  description?: string;
}

export interface OwnedExamples {
  owner: ExampleOwner;
  examples: ConvertedExample[];
}

/**
 * example position → its owner key and name, from the model as written (validation names
 * unnamed examples `example_0`…, so the name is kept from before it).
 */
export type ExampleClaims = Map<string, { owner: string; name: string | undefined }>;

function ownerKey(owner: ExampleOwner): string {
  switch (owner.kind) {
    case 'body':
      return `${owner.path} ${owner.method} body ${owner.status ?? 'request'} ${owner.mediaType}`;
    case 'parameter':
      return `${owner.path} ${owner.method} ${owner.in} ${owner.name.toLowerCase()}`;
    case 'response-header':
      return `${owner.path} ${owner.method} header ${owner.status} ${owner.name.toLowerCase()}`;
  }
}

function exampleKey(example: Example): string | undefined {
  const range = example.position;
  if (!range || (range.lineFrom === 0 && range.columnFrom === 0)) return undefined;
  return `${example.location ?? ''}@${range.lineFrom}:${range.columnFrom}`;
}

function examplesOf(shape: Shape | undefined): Example[] {
  if (!shape || !('examples' in shape)) return [];
  const examples: unknown = shape.examples;
  return Array.isArray(examples) ? (examples as Example[]) : [];
}

function str(field: { value(): string } | undefined): string | undefined {
  const value = field?.value();
  return value === null || value === undefined || value === '' ? undefined : value;
}

interface Visit {
  owner: ExampleOwner;
  shape: Shape | undefined;
}

function parameterVisits(
  path: string,
  method: string,
  params: Parameter[],
  where: string,
): Visit[] {
  return params.map((p) => ({
    owner: { kind: 'parameter', path, method, in: where, name: p.name.value() },
    shape: p.schema,
  }));
}

/** Every place in the API that can carry examples, with its owner. */
function visits(unit: BaseUnit): Visit[] {
  const api = (unit as { encodes?: { endPoints?: EndPoint[] } }).encodes;
  const out: Visit[] = [];
  for (const endpoint of api?.endPoints ?? []) {
    const path = endpoint.path.value();
    for (const op of endpoint.operations as Operation[]) {
      const method = op.method.value().toLowerCase();
      out.push(...parameterVisits(path, method, endpoint.parameters, 'path'));
      const request = op.request;
      if (request) {
        out.push(...parameterVisits(path, method, request.queryParameters, 'query'));
        out.push(...parameterVisits(path, method, request.headers, 'header'));
        out.push(...parameterVisits(path, method, request.uriParameters, 'path'));
        for (const payload of request.payloads) {
          const mediaType = str(payload.mediaType);
          if (mediaType) {
            out.push({ owner: { kind: 'body', path, method, mediaType }, shape: payload.schema });
          }
        }
      }
      for (const response of op.responses) {
        const status = response.statusCode.value();
        for (const header of response.headers) {
          out.push({
            owner: { kind: 'response-header', path, method, status, name: header.name.value() },
            shape: header.schema,
          });
        }
        for (const payload of response.payloads) {
          const mediaType = str(payload.mediaType);
          if (mediaType) {
            out.push({
              owner: { kind: 'body', path, method, status, mediaType },
              shape: payload.schema,
            });
          }
        }
      }
    }
  }
  return out;
}

/** Call on the parsed, not yet resolved, unit: who wrote each example. */
export function claimExamples(unit: BaseUnit): ExampleClaims {
  const claims: ExampleClaims = new Map();
  for (const visit of visits(unit)) {
    const key = ownerKey(visit.owner);
    for (const example of examplesOf(visit.shape)) {
      const at = exampleKey(example);
      if (at !== undefined && !claims.has(at)) {
        claims.set(at, { owner: key, name: str(example.name) });
      }
    }
  }
  return claims;
}

function isStringShape(shape: Shape | undefined): boolean {
  const dataType = (shape as { dataType?: { value(): string } } | undefined)?.dataType?.value();
  return typeof dataType === 'string' && /#(string|anyURI|date|dateTime|time)/.test(dataType);
}

/** RAML example text → value: YAML/JSON is parsed, XML and string-typed values stay text. */
function exampleValue(
  raw: string,
  shape: Shape | undefined,
  mediaType: string | undefined,
): unknown {
  if (isStringShape(shape) || (mediaType !== undefined && /xml/i.test(mediaType))) return raw;
  try {
    return parseYaml(raw);
  } catch {
    return raw;
  }
}

function uniqueName(wanted: string, taken: Set<string>): string {
  let name = wanted;
  for (let i = 2; taken.has(name); i++) name = `${wanted}_${i}`;
  taken.add(name);
  return name;
}

/** Call on the resolved unit: the examples of each payload, parameter and header. */
export function collectExamples(unit: BaseUnit, claims: ExampleClaims): OwnedExamples[] {
  const out: OwnedExamples[] = [];
  for (const visit of visits(unit)) {
    const key = ownerKey(visit.owner);
    const own: Array<[Example, string | undefined]> = [];
    const inherited: Array<[Example, string | undefined]> = [];
    for (const example of examplesOf(visit.shape)) {
      const at = exampleKey(example);
      const claim = at === undefined ? undefined : claims.get(at);
      if (claim === undefined) inherited.push([example, str(example.name)]);
      else if (claim.owner === key) own.push([example, claim.name]);
    }
    if (own.length + inherited.length === 0) continue;
    const taken = new Set<string>();
    const mediaType = visit.owner.kind === 'body' ? visit.owner.mediaType : undefined;
    const examples: ConvertedExample[] = [];
    // Examples written on the payload come first: mocks answer with the first one.
    for (const [example, written] of [...own, ...inherited]) {
      const raw = example.value.value();
      if (raw === null || raw === undefined) continue;
      const name = uniqueName(written ?? 'default', taken);
      const summary = str(example.displayName);
      const description = str(example.description);
      examples.push({
        name,
        value: exampleValue(raw, visit.shape, mediaType),
        ...(summary !== undefined && summary !== name ? { summary } : {}),
        ...(description !== undefined ? { description } : {}),
      });
    }
    out.push({ owner: visit.owner, examples });
  }
  return out;
}

function recordAt(root: unknown, ...keys: string[]): Record<string, unknown> | undefined {
  let node: unknown = root;
  for (const key of keys) {
    if (!isRecord(node)) return undefined;
    node = node[key];
  }
  return isRecord(node) ? node : undefined;
}

function examplesObject(examples: ConvertedExample[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { name, ...rest } of examples) out[name] = rest;
  return out;
}

function findByName(
  list: unknown,
  name: string,
  where?: string,
): Record<string, unknown> | undefined {
  if (!Array.isArray(list)) return undefined;
  const wanted = name.toLowerCase();
  return list.find(
    (p): p is Record<string, unknown> =>
      isRecord(p) &&
      typeof p.name === 'string' &&
      p.name.toLowerCase() === wanted &&
      (where === undefined || p.in === where),
  );
}

/**
 * AMF keys we replace with what we read from its model: `x-amf-examples` (a merged, misleading
 * copy of examples) and the security it could not express (see security.ts).
 */
const REPLACED_KEYS = ['x-amf-examples', 'x-amf-security', 'x-amf-securitySchemes'];

function dropReplacedKeys(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) dropReplacedKeys(item);
  } else if (isRecord(node)) {
    for (const key of REPLACED_KEYS) delete node[key];
    for (const value of Object.values(node)) dropReplacedKeys(value);
  }
}

/** Writes the examples into the OpenAPI 3.0 document AMF rendered (mutates `openapi`). */
export function applyExamples(openapi: unknown, owned: OwnedExamples[]): void {
  dropReplacedKeys(openapi);
  for (const { owner, examples } of owned) {
    const operation = recordAt(openapi, 'paths', owner.path, owner.method);
    if (!operation) continue;
    let target: Record<string, unknown> | undefined;
    if (owner.kind === 'body') {
      target =
        owner.status === undefined
          ? recordAt(operation, 'requestBody', 'content', owner.mediaType)
          : recordAt(operation, 'responses', owner.status, 'content', owner.mediaType);
    } else if (owner.kind === 'parameter') {
      target = findByName(operation.parameters, owner.name, owner.in);
    } else {
      const headers = recordAt(operation, 'responses', owner.status, 'headers');
      const name = Object.keys(headers ?? {}).find(
        (h) => h.toLowerCase() === owner.name.toLowerCase(),
      );
      target = name === undefined ? undefined : recordAt(headers, name);
    }
    if (!target) continue;
    delete target.example;
    target.examples = examplesObject(examples);
  }
}
