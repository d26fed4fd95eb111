import { isJsonMediaType } from '../../http/media-type.js';
import type { HttpOperation, Parameter, Service } from '../../model/index.js';
import { deref } from '../../schema/coerce.js';
import { isRecord } from '../../util/guards.js';
import type { ConformanceRequest, ConformanceResponse } from './types.js';

/**
 * A link from one operation's response to another operation: where the second operation's
 * parameters come from (OpenAPI runtime expressions such as `$response.body#/id`).
 */
export interface ConformanceLink {
  from: HttpOperation;
  /** The response status the link starts from (`201`, `2XX`, `default`). */
  status: string;
  to: HttpOperation;
  /** `openapi`: declared under the response's `links`; `inferred`: from a body field's name. */
  source: 'openapi' | 'inferred';
  parameters: Array<{ param: Parameter; expression: unknown }>;
  /** `createReservation 201 → releaseReservation (inferred: id → {id})`. */
  name: string;
}

/** `#/paths/~1reservations~1{id}/delete` → the operation it points at. */
function operationByRef(service: Service, ref: string): HttpOperation | undefined {
  const m = /^#\/paths\/([^/]+)\/([a-z]+)$/.exec(ref);
  if (!m) return undefined;
  const path = decodeURIComponent(m[1] as string)
    .replace(/~1/g, '/')
    .replace(/~0/g, '~');
  const method = (m[2] as string).toUpperCase();
  return service.operations.find((op) => op.path === path && op.method === method);
}

/** The parameter a link's `parameters` key names (`id`, or qualified `path.id`). */
function parameterByKey(op: HttpOperation, key: string): Parameter | undefined {
  const dot = key.indexOf('.');
  const where = dot > 0 ? key.slice(0, dot) : undefined;
  const name = dot > 0 ? key.slice(dot + 1) : key;
  return op.parameters.find((p) => p.name === name && (where === undefined || p.in === where));
}

function declaredLinks(service: Service): ConformanceLink[] {
  const out: ConformanceLink[] = [];
  for (const from of service.operations) {
    for (const response of from.responses) {
      for (const [name, raw] of Object.entries(response.links ?? {})) {
        if (!isRecord(raw)) continue;
        const to =
          typeof raw.operationId === 'string'
            ? service.operations.find((op) => op.id === raw.operationId)
            : typeof raw.operationRef === 'string'
              ? operationByRef(service, raw.operationRef)
              : undefined;
        if (!to) continue;
        const parameters: ConformanceLink['parameters'] = [];
        for (const [key, expression] of Object.entries(
          isRecord(raw.parameters) ? raw.parameters : {},
        )) {
          const param = parameterByKey(to, key);
          if (param) parameters.push({ param, expression });
        }
        out.push({
          from,
          status: response.status,
          to,
          source: 'openapi',
          parameters,
          name: `${from.id} ${response.status} → ${to.id} (link ${name})`,
        });
      }
    }
  }
  return out;
}

/** The singular of a path's last literal segment: `/reservations` → `reservation`. */
function resourceName(path: string): string | undefined {
  const last = path
    .split('/')
    .filter((s) => s !== '' && !s.startsWith('{'))
    .at(-1);
  if (last === undefined) return undefined;
  return last.endsWith('ies') ? `${last.slice(0, -3)}y` : last.replace(/s$/, '');
}

/**
 * The body property of `from`'s response that identifies what `param` of `to` names: the same
 * id-like name (`orderId` → `orderId`), `id` for `{id}` under the creating collection's path, or
 * `id` for `{reservationId}` when the creating path is `/reservations`.
 */
function matchingProperty(
  properties: string[],
  from: HttpOperation,
  to: HttpOperation,
  param: Parameter,
): string | undefined {
  const name = param.name;
  const idLike = /(^id$|Id$|_id$|ID$)/.test(name);
  if (!idLike) return undefined;
  const under = to.path.startsWith(`${from.path}/`);
  if (name === 'id') return under && properties.includes('id') ? 'id' : undefined;
  if (properties.includes(name)) return name;
  const resource = resourceName(from.path);
  if (
    resource !== undefined &&
    properties.includes('id') &&
    (name === `${resource}Id` || name === `${resource}_id`)
  ) {
    return 'id';
  }
  return undefined;
}

function inferredLinks(service: Service, declared: ConformanceLink[]): ConformanceLink[] {
  const out: ConformanceLink[] = [];
  for (const from of service.operations) {
    for (const response of from.responses) {
      if (!/^2\d\d$/.test(response.status)) continue;
      if (response.status !== '201' && from.method !== 'POST' && from.method !== 'PUT') continue;
      const content = response.contents.find((c) => isJsonMediaType(c.mediaType));
      const schema = deref(content?.schema, service.schemas);
      const properties = isRecord(schema?.properties) ? Object.keys(schema.properties) : [];
      if (properties.length === 0) continue;
      for (const to of service.operations) {
        if (to === from) continue;
        if (declared.some((l) => l.from === from && l.to === to)) continue;
        const parameters: ConformanceLink['parameters'] = [];
        for (const param of to.parameters.filter((p) => p.in === 'path')) {
          const property = matchingProperty(properties, from, to, param);
          if (property !== undefined) {
            parameters.push({ param, expression: `$response.body#/${property}` });
          }
        }
        if (parameters.length === 0) continue;
        const pairs = parameters
          .map(
            (p) => `${String(p.expression).slice('$response.body#/'.length)} → {${p.param.name}}`,
          )
          .join(', ');
        out.push({
          from,
          status: response.status,
          to,
          source: 'inferred',
          parameters,
          name: `${from.id} ${response.status} → ${to.id} (inferred: ${pairs})`,
        });
      }
    }
  }
  return out;
}

/**
 * The links of a service: the ones its responses declare (OpenAPI `links`, by `operationId` or
 * `operationRef`), and the ones inferred where a 2xx body of a creating operation (201, or any
 * 2xx of POST/PUT) carries an id-like field that names a path parameter of another operation.
 *
 * @example
 * findLinks(inventory).map((l) => l.name);
 * // ['createReservation 201 → releaseReservation (inferred: id → {id})']
 */
export function findLinks(service: Service): ConformanceLink[] {
  const declared = declaredLinks(service);
  return [...declared, ...inferredLinks(service, declared)];
}

/** Whether a response status matches a link's status key (`201`, `2XX`, `default`). */
export function statusMatches(key: string, status: number): boolean {
  const code = String(status);
  if (key === code) return true;
  if (/^[1-5]XX$/i.test(key)) return key[0] === code[0];
  return key === 'default' && status >= 200 && status < 300;
}

function pointer(value: unknown, ptr: string): unknown {
  if (ptr === '' || ptr === '/') return value;
  let current = value;
  for (const raw of ptr.replace(/^\//, '').split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) current = current[Number(key)];
    else if (isRecord(current)) current = current[key];
    else return undefined;
  }
  return current;
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Evaluates an OpenAPI runtime expression against the exchange it follows: `$response.body#/x`,
 * `$response.header.X`, `$request.path.x`, `$request.query.x`, `$request.header.X`,
 * `$request.body#/x`, `$statusCode`, `$method`; any other value is a constant. `pathValues` are
 * the request's path parameter values by name. Undefined when the value is absent.
 */
export function evaluateExpression(
  expression: unknown,
  exchange: {
    request: ConformanceRequest;
    pathValues: Record<string, unknown>;
    response: ConformanceResponse;
  },
): unknown {
  if (typeof expression !== 'string' || !expression.startsWith('$')) return expression;
  const { request, response } = exchange;
  if (expression === '$statusCode') return response.status;
  if (expression === '$method') return request.method;
  const body = /^\$(request|response)\.body(?:#(.*))?$/.exec(expression);
  if (body) {
    const text = body[1] === 'request' ? request.body : response.body;
    return pointer(parseJson(text), body[2] ?? '');
  }
  const part = /^\$(request|response)\.(header|path|query)\.(.+)$/.exec(expression);
  if (!part) return undefined;
  const [, side, where, name] = part as unknown as [string, string, string, string];
  if (where === 'header') {
    const headers = side === 'request' ? request.headers : response.headers;
    return headers[name.toLowerCase()];
  }
  if (side !== 'request') return undefined;
  if (where === 'path') return exchange.pathValues[name];
  return request.query.find(([k]) => k === name)?.[1];
}

/** A sequence: the producer, then 1–2 linked operations that act on what it created. */
export interface ConformanceSequence {
  producer: HttpOperation;
  steps: ConformanceLink[];
}

/**
 * Sequences of length 2 and 3 along the links: producer → each linked operation; producer → a
 * non-DELETE linked operation → a DELETE one (create → read → delete); producer → a DELETE →
 * each linked operation again (what was deleted must be gone). At most `max` sequences.
 */
export function buildSequences(links: readonly ConformanceLink[], max = 24): ConformanceSequence[] {
  const byProducer = new Map<HttpOperation, ConformanceLink[]>();
  for (const link of links) byProducer.set(link.from, [...(byProducer.get(link.from) ?? []), link]);
  const out: ConformanceSequence[] = [];
  for (const [producer, outgoing] of byProducer) {
    for (const link of outgoing) out.push({ producer, steps: [link] });
    const deletes = outgoing.filter((l) => l.to.method === 'DELETE');
    const others = outgoing.filter((l) => l.to.method !== 'DELETE');
    for (const read of others) {
      for (const del of deletes) out.push({ producer, steps: [read, del] });
    }
    for (const del of deletes) {
      for (const after of outgoing) out.push({ producer, steps: [del, after] });
    }
  }
  return out.slice(0, max);
}
