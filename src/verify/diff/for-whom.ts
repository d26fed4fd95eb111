import { slugify } from '../../formats/slug.js';
import type { PactHttpInteraction } from '../../model/index.js';
import type { ConsumerImpact, SpecChange } from './changes.js';

/** The HTTP interactions of one consumer pact, as the pact loader normalised them. */
export interface ConsumerPact {
  consumer: string;
  provider: string;
  interactions: readonly PactHttpInteraction[];
}

/** `/stock/{sku}` → a regex matching `/stock/abc`, also behind a server base path (`/v1/stock/abc`). */
function templateRegex(template: string): RegExp {
  const body = template
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^(?:/[^?]*)?${body}/?$`);
}

function backticked(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
}

/** True when the value has the property path (`a/b`; arrays: any element has it). */
function hasPath(value: unknown, segments: readonly string[]): boolean {
  if (segments.length === 0) return true;
  if (Array.isArray(value)) return value.some((v) => hasPath(v, segments));
  if (typeof value !== 'object' || value === null) return false;
  const [head, ...rest] = segments;
  if (head === undefined || !(head in value)) return false;
  return hasPath((value as Record<string, unknown>)[head], rest);
}

function propertySegments(name: string): string[] {
  return name.split('/').filter((s) => s !== '' && s !== 'items');
}

function hasCaseInsensitive(map: Record<string, string[]> | undefined, name: string): boolean {
  if (!map) return false;
  const lower = name.toLowerCase();
  return Object.keys(map).some((k) => k.toLowerCase() === lower);
}

type Selector = (i: PactHttpInteraction) => boolean;

/**
 * Which interactions rely on what the change touched, and how to say it. `undefined` selector
 * means every interaction on the operation is affected (path or method removed, a change we
 * cannot narrow to a field).
 */
function narrow(change: SpecChange): { select?: Selector; what: string } {
  const tokens = backticked(change.text);
  const id = change.id;
  const makesRequired = /new-required|became-required|required-request/.test(id);
  if (id.startsWith('response-') && id.includes('property')) {
    const property = tokens[0] ?? '';
    const status = /`(\d{3}|\dXX|default)` status/i.exec(change.text)?.[1];
    const segments = propertySegments(property);
    return {
      what: `field \`${property}\`${status ? ` of ${status} responses` : ''}`,
      select: (i) =>
        (status === undefined || !/^\d{3}$/.test(status) || String(i.response.status) === status) &&
        hasPath(i.response.body?.content, segments),
    };
  }
  if (id.includes('request-property') || id.includes('request-body-property')) {
    const property = tokens[0] ?? '';
    const segments = propertySegments(property);
    return makesRequired
      ? {
          what: `request field \`${property}\` (now required)`,
          select: (i) => !hasPath(i.request.body?.content, segments),
        }
      : {
          what: `request field \`${property}\``,
          select: (i) => hasPath(i.request.body?.content, segments),
        };
  }
  if (id.includes('request-parameter') || id.includes('request-default-parameter')) {
    const [where, name] = tokens.length >= 2 ? [tokens[0], tokens[1] ?? ''] : ['', tokens[0] ?? ''];
    const sends = (i: PactHttpInteraction): boolean =>
      where === 'query'
        ? i.request.query?.[name] !== undefined
        : where === 'header'
          ? hasCaseInsensitive(i.request.headers, name)
          : true;
    if (where === 'path') return { what: `path parameter \`${name}\`` };
    return makesRequired
      ? { what: `${where} parameter \`${name}\` (now required)`, select: (i) => !sends(i) }
      : { what: `${where} parameter \`${name}\``, select: sends };
  }
  return { what: 'the operation' };
}

/**
 * "Breaking for whom": checks each error/warning change against the consumers' pacts of the
 * provider. A removed response field that no consumer interaction has in its expected body is
 * `safe` for current consumers; a new required request field that every consumer already sends
 * is `safe`; a removed path that a consumer calls `breaks` it. Info changes are left alone.
 *
 * @example
 * const checked = crossCheck(changes, 'inventory', pacts);
 * checked[0].impact; // { verdict: 'safe', reason: 'no consumer reads field `available` …', consumers: [] }
 */
export function crossCheck(
  changes: readonly SpecChange[],
  provider: string,
  pacts: readonly ConsumerPact[],
): SpecChange[] {
  const mine = pacts.filter((p) => slugify(p.provider) === slugify(provider));
  return changes.map((change) => {
    if (change.severity === 'info') return change;
    if (mine.length === 0) {
      const impact: ConsumerImpact = {
        verdict: 'unknown',
        reason: `no consumer pacts for ${provider}, so no one can say who this breaks`,
        consumers: [],
      };
      return { ...change, impact };
    }
    if (change.path === undefined || change.method === undefined) {
      const impact: ConsumerImpact = {
        verdict: 'unknown',
        reason: 'the change is not tied to one operation',
        consumers: [],
      };
      return { ...change, impact };
    }
    const route = templateRegex(change.path);
    const method = change.method;
    const { select, what } = narrow(change);
    const consumers: ConsumerImpact['consumers'] = [];
    let callers = 0;
    for (const pact of mine) {
      const onOperation = pact.interactions.filter(
        (i) => i.request.method.toUpperCase() === method && route.test(i.request.path),
      );
      callers += onOperation.length;
      const affected = select ? onOperation.filter(select) : onOperation;
      if (affected.length > 0) {
        consumers.push({
          consumer: pact.consumer,
          interactions: affected.map((i) => i.description),
        });
      }
    }
    const op = `${method} ${change.path}`;
    let impact: ConsumerImpact;
    if (consumers.length > 0) {
      impact = {
        verdict: 'breaks',
        reason: `${consumers.map((c) => c.consumer).join(', ')} rel${consumers.length === 1 ? 'ies' : 'y'} on ${what} of ${op}`,
        consumers,
      };
    } else if (callers === 0) {
      impact = { verdict: 'safe', reason: `no consumer pact calls ${op}`, consumers };
    } else {
      impact = {
        verdict: 'safe',
        reason: `safe for current consumers: none of the ${callers} consumer interaction(s) on ${op} relies on ${what}`,
        consumers,
      };
    }
    return { ...change, impact };
  });
}
