import type { HttpOperation, Service } from '../../model/index.js';
import { deref } from '../../schema/coerce.js';
import { safeDecode } from '../../util/text.js';
import { Router, splitPath } from '../router.js';
import { serverBasePaths } from '../server-base-paths.js';
import type { MockRequest } from '../types.js';
import type { HostNearMiss, MatchRef } from './types.js';

/** Services on one port and the prefix each is mounted under (service name → `/name` or ''). */
export interface HostTarget {
  services: Service[];
  mounts: Record<string, string>;
}

interface IndexedRoute {
  service: string;
  operation: HttpOperation;
  /** The full template as served on the port: mount prefix + base path + operation path. */
  template: string;
  segments: string[];
  /** Path variable → allowed values, for variables whose schema has an enum (the router narrows those). */
  enums: Map<string, string[]>;
}

interface IndexedMount {
  prefix: string;
  service: Service;
  router: Router<HttpOperation>;
}

/**
 * Knows the contract operations served on one port: which one a request reached (for the
 * journal, asked lazily) and which came closest when none did (for near-miss 404s).
 */
export interface OperationIndex {
  identify(request: Pick<MockRequest, 'method' | 'path'>): MatchRef;
  explain(request: Pick<MockRequest, 'method' | 'path'>, limit?: number): HostNearMiss[];
}

function normalisePrefix(prefix: string | undefined): string {
  if (prefix === undefined || prefix === '' || prefix === '/') return '';
  const withSlash = prefix.startsWith('/') ? prefix : `/${prefix}`;
  return withSlash.replace(/\/+$/, '');
}

const VARIABLE = /\{[^{}]+\}/g;
const WHOLE_VARIABLE = /^\{([^{}]+)\}$/;

/** Does a request segment fit a template segment (`{id}`, `{id}.json`, `orders`)? */
function segmentFits(template: string, actual: string): boolean {
  if (!template.includes('{')) return template === actual;
  if (/^\{[^{}]+\}$/.test(template)) return actual !== '';
  const parts = template.split(VARIABLE).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+?')}$`).test(actual);
}

/** Edit distance, capped: only used to tell `orderz` (close to `orders`) from `users`. */
function closeSpelling(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[b.length]! <= 2;
}

/** Scores one route against a request; reasons in the order a reader checks them. */
function compare(
  route: IndexedRoute,
  method: string,
  actual: string[],
): { score: number; reasons: string[] } {
  const reasons: string[] = [];
  let score = 0;
  const shared = Math.min(route.segments.length, actual.length);
  let segmentReported = false;
  for (let i = 0; i < shared; i++) {
    const expected = route.segments[i]!;
    const got = actual[i]!;
    const variable = WHOLE_VARIABLE.exec(expected)?.[1];
    const allowed = variable === undefined ? undefined : route.enums.get(variable);
    if (allowed !== undefined && !allowed.includes(safeDecode(got))) {
      // The segment is in the right place but not one of the values the router accepts.
      score += 1;
      reasons.push(`path parameter ${variable} is '${got}', not one of ${allowed.join(', ')}`);
    } else if (segmentFits(expected, got)) {
      score += expected.includes('{') ? 1 : 2;
    } else {
      score -= 1;
      // A near spelling (`orderz`) is worth more than a coincidental `{param}` fit.
      if (!expected.includes('{') && closeSpelling(expected, got)) score += 2;
      if (!segmentReported) {
        segmentReported = true;
        reasons.push(`path segment ${i + 1} is '${got}', ${route.template} expects '${expected}'`);
      }
    }
  }
  if (route.segments.length !== actual.length) {
    score -= 2 * Math.abs(route.segments.length - actual.length);
    reasons.push(
      `path has ${actual.length} segment(s), ${route.template} has ${route.segments.length}`,
    );
  }
  const operationMethod = route.operation.method;
  const sameMethod = operationMethod === method || (method === 'HEAD' && operationMethod === 'GET');
  if (sameMethod) score += 1;
  else reasons.push(`method is ${method}, ${route.template} is ${operationMethod}`);
  return { score, reasons };
}

/**
 * Indexes the operations of a port's services (the same mounts and server base paths the
 * engine routes by).
 *
 * @example
 * const index = createOperationIndex({ services: [petstore], mounts: { petstore: '' } });
 * index.identify({ method: 'GET', path: '/pets/1' }); // { source: 'operation', service: 'petstore', id: 'getPet' }
 */
export function createOperationIndex(target: HostTarget): OperationIndex {
  const routes: IndexedRoute[] = [];
  const mounts: IndexedMount[] = [];
  for (const service of target.services) {
    const prefix = normalisePrefix(target.mounts[service.name]);
    const router = new Router<HttpOperation>();
    const later: Array<[HttpOperation, string]> = [];
    const enumsOf = (operation: HttpOperation): Map<string, string[]> => {
      const out = new Map<string, string[]>();
      for (const parameter of operation.parameters) {
        if (parameter.in !== 'path') continue;
        const values = deref(parameter.schema, service.schemas)?.enum;
        if (Array.isArray(values) && values.length > 0) out.set(parameter.name, values.map(String));
      }
      return out;
    };
    for (const operation of service.operations) {
      router.add(operation.method, operation.path, operation);
      routes.push({
        service: service.name,
        operation,
        template: prefix + operation.path,
        segments: splitPath(prefix + operation.path),
        enums: enumsOf(operation),
      });
      for (const base of serverBasePaths(operation.servers ?? service.servers)) {
        if (base !== '') later.push([operation, base + operation.path]);
      }
    }
    for (const [operation, path] of later) {
      router.add(operation.method, path, operation);
      routes.push({
        service: service.name,
        operation,
        template: prefix + path,
        segments: splitPath(prefix + path),
        enums: enumsOf(operation),
      });
    }
    mounts.push({ prefix, service, router });
  }
  mounts.sort((a, b) => b.prefix.length - a.prefix.length);

  return {
    identify(request) {
      const method = request.method.toUpperCase();
      let owner: string | undefined;
      for (const mount of mounts) {
        const { prefix } = mount;
        if (prefix !== '' && request.path !== prefix && !request.path.startsWith(`${prefix}/`))
          continue;
        owner ??= mount.service.name;
        const inner = request.path.slice(prefix.length) || '/';
        let found = mount.router.find(method, inner);
        if (found.kind !== 'found' && method === 'HEAD') found = mount.router.find('GET', inner);
        if (found.kind === 'found') {
          return { source: 'operation', service: mount.service.name, id: found.value.id };
        }
      }
      // Answered by a pact interaction or Hoverfly pair of the engine.
      return owner === undefined ? { source: 'contract' } : { source: 'contract', service: owner };
    },
    explain(request, limit = 3) {
      const method = request.method.toUpperCase();
      const actual = splitPath(request.path);
      const scored: HostNearMiss[] = [];
      const seen = new Set<string>();
      for (const route of routes) {
        const { score, reasons } = compare(route, method, actual);
        // Below 2 a candidate shares no more than a method and a `{param}`: noise, not a near miss.
        if (score < 2 || reasons.length === 0) continue;
        const name = `${route.operation.method} ${route.template} (${route.operation.id})`;
        if (seen.has(name)) continue;
        seen.add(name);
        scored.push({ source: 'operation', service: route.service, name, score, reasons });
      }
      return scored
        .map((c, i) => [c, i] as const)
        .sort((a, b) => b[0].score - a[0].score || a[1] - b[1])
        .slice(0, limit)
        .map(([c]) => c);
    },
  };
}
