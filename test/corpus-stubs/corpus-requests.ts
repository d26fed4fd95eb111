/**
 * Builds, for each pact interaction and each Hoverfly pair, the request that should select it:
 * pacts from the interaction's own request; Hoverfly pairs from exact matchers, or a value that
 * satisfies a glob/regex/negate/array/json matcher. Shared by the corpus test and the benchmarks.
 */
import { compileMatcher } from '../../src/matching/hoverfly/index.js';
import { sampleRegex } from '../../src/matching/pact/index.js';
import type { MockRequest } from '../../src/mock/types.js';
import type { HoverflyMatcher, HoverflyPair, PactHttpInteraction } from '../../src/model/index.js';
import { seededRandom } from '../../src/util/random.js';

const encoder = new TextEncoder();

function encodeQuery(query: Record<string, string[]>): string {
  return Object.entries(query)
    .flatMap(([k, vs]) => vs.map((v) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`))
    .join('&');
}

function encodePath(path: string): string {
  return path
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/** The request a pact interaction describes (its example values), with its provider state chosen. */
export function pactRequest(interaction: PactHttpInteraction): MockRequest {
  const r = interaction.request;
  const headers: Record<string, string> = { host: 'localhost' };
  for (const [name, values] of Object.entries(r.headers ?? {}))
    headers[name.toLowerCase()] = values.join(', ');
  const request: MockRequest = {
    method: r.method.toUpperCase(),
    path: encodePath(r.path),
    query: encodeQuery(r.query ?? {}),
    headers,
  };
  const body = r.body;
  if (body && body.content !== undefined && body.content !== null) {
    const content = body.content;
    if (typeof content === 'string') {
      request.body =
        body.encoded === 'base64'
          ? Uint8Array.from(atob(content), (c) => c.charCodeAt(0))
          : encoder.encode(content);
    } else request.body = encoder.encode(JSON.stringify(content));
    if (headers['content-type'] === undefined && body.contentType)
      headers['content-type'] = body.contentType;
    if (headers['content-type'] === undefined && typeof content !== 'string')
      headers['content-type'] = 'application/json';
  }
  const state = interaction.providerStates[0]?.name;
  if (state !== undefined) headers['x-pact-provider-state'] = state;
  return request;
}

/** Values that satisfy one matcher on its own (several tries for globs). */
function samples(m: HoverflyMatcher): string[] | { reason: string } {
  const v = m.value;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  switch (m.matcher) {
    case 'exact':
    case 'json':
    case 'jsonpartial':
    case 'xml':
      return [s];
    case 'glob':
      return ['x', 'docs', 'a1'].map((fill) => s.replaceAll('*', fill));
    case 'regex':
      return [sampleRegex(s.replace(/\\A/g, '^').replace(/\\z/g, '$'), seededRandom(1))];
    case 'array':
    case 'containsexactly':
      return Array.isArray(v) ? [v.join(';')] : { reason: 'an array matcher without a list' };
    case 'negate':
      return [`${s}-not`];
    default:
      return { reason: `no sample value is built for a ${m.matcher} matcher` };
  }
}

/** A value satisfying every matcher of a list (checked with the real matchers), or the reason none was found. */
export function satisfy(list: HoverflyMatcher[] | undefined): { value?: string; reason?: string } {
  if (!list || list.length === 0) return {};
  const compiled = list.map(compileMatcher);
  for (const m of list) {
    if (m.doMatch) return { reason: `a ${m.matcher} matcher chained with doMatch` };
    const tries = samples(m);
    if (!Array.isArray(tries)) return tries;
    const found = tries.find((t) => compiled.every((c) => c.test(t) !== undefined));
    if (found !== undefined) return { value: found };
  }
  return { reason: `no sample satisfies all of ${compiled.map((c) => c.describe).join(', ')}` };
}

/** The request a Hoverfly pair selects, or the reason it cannot be built. */
export function hoverflyRequest(pair: HoverflyPair): { request?: MockRequest; reason?: string } {
  const r = pair.request;
  const parts: Record<string, { value?: string; reason?: string }> = {
    method: satisfy(r.method),
    path: satisfy(r.path),
    destination: satisfy(r.destination),
    scheme: satisfy(r.scheme),
    body: satisfy(r.body),
  };
  for (const [field, part] of Object.entries(parts))
    if (part.reason) return { reason: `${field}: ${part.reason}` };
  const headers: Record<string, string> = {
    host: parts.destination?.value ?? 'localhost',
  };
  if (parts.scheme?.value) headers['x-forwarded-proto'] = parts.scheme.value;
  for (const [name, list] of Object.entries(r.headers ?? {})) {
    const part = satisfy(list);
    if (part.reason) return { reason: `header ${name}: ${part.reason}` };
    headers[name.toLowerCase()] = part.value ?? 'x';
  }
  const query: string[] = [];
  for (const [name, list] of Object.entries(r.query ?? {})) {
    const part = satisfy(list);
    if (part.reason) return { reason: `query ${name}: ${part.reason}` };
    for (const v of (part.value ?? '').split(';'))
      query.push(`${encodeURIComponent(name)}=${encodeURIComponent(v)}`);
  }
  let body = parts.body?.value;
  if (r.form) {
    const fields: string[] = [];
    for (const [name, list] of Object.entries(r.form)) {
      const part = satisfy(list);
      if (part.reason) return { reason: `form ${name}: ${part.reason}` };
      fields.push(`${encodeURIComponent(name)}=${encodeURIComponent(part.value ?? '')}`);
    }
    body = fields.join('&');
  }
  const method = parts.method?.value ?? 'GET';
  const request: MockRequest = {
    method,
    path: encodePath(parts.path?.value ?? '/'),
    query: query.join('&'),
    headers,
  };
  if (body !== undefined && body !== '') request.body = encoder.encode(body);
  return { request };
}
