import type { JournalEntry, MockResponse } from '../mock/index.js';
import { isRecord } from '../util/guards.js';

/** A candidate the mock found closest to a request it could not route, and why it missed. */
export interface MissCandidate {
  name: string;
  reasons: string[];
}

/**
 * A request a dependency mock could not serve as asked: nothing in the contract matched it
 * (`route`), or the contract's operation refused it (`request`: 400/415/422 with
 * `mock.request.*` diagnostics).
 */
export interface MockMiss {
  dependency: string;
  seq: number;
  method: string;
  /** The path with `?query` when there was one. */
  target: string;
  status: number;
  kind: 'route' | 'request';
  /** Closest candidates, best first (route misses). */
  candidates: MissCandidate[];
  /** The contract's complaints, one message each (request misses). */
  problems: string[];
}

/** Statuses the contract engine refuses a request with when it breaks the operation. */
const VALIDATION_STATUSES = new Set([400, 415, 422]);
/** Candidates and complaints a one-line miss names; the journal keeps the rest. */
const SHOWN = 2;

const decoder = new TextDecoder();

/** The `mock.request.*` diagnostics of a problem+json answer, as `path: message`. */
function requestProblems(response: MockResponse): string[] {
  if (response.body === undefined) return [];
  const type = response.headers.find(([name]) => name.toLowerCase() === 'content-type');
  if (type === undefined || !type[1].startsWith('application/problem+json')) return [];
  let body: unknown;
  try {
    body = JSON.parse(decoder.decode(response.body));
  } catch {
    return [];
  }
  if (!isRecord(body) || !Array.isArray(body.diagnostics)) return [];
  return body.diagnostics.flatMap((d: unknown) =>
    isRecord(d) &&
    typeof d.code === 'string' &&
    d.code.startsWith('mock.request.') &&
    typeof d.message === 'string'
      ? [typeof d.path === 'string' && d.path !== '' ? `${d.path}: ${d.message}` : d.message]
      : [],
  );
}

/**
 * The miss a journaled request was, if it was one: no `matched` (a routing miss, with the
 * journal's near misses), or a validation refusal from the contract engine.
 *
 * @example
 * host.onEntry((entry, response) => {
 *   const miss = mockMissOf('inventory', entry, response);
 *   if (miss) console.log(`MISS ${describeMiss(miss)}`);
 * });
 */
export function mockMissOf(
  dependency: string,
  entry: JournalEntry,
  response: MockResponse,
): MockMiss | undefined {
  const base = {
    dependency,
    seq: entry.seq,
    method: entry.method.toUpperCase(),
    target: entry.query === '' ? entry.path : `${entry.path}?${entry.query}`,
    status: entry.status,
  };
  if (entry.matched === undefined) {
    return {
      ...base,
      kind: 'route',
      candidates: (entry.nearMisses ?? []).map((c) => ({ name: c.name, reasons: c.reasons })),
      problems: [],
    };
  }
  if (!VALIDATION_STATUSES.has(entry.status)) return undefined;
  const problems = requestProblems(response);
  if (problems.length === 0) return undefined;
  return { ...base, kind: 'request', candidates: [], problems };
}

/**
 * One line for a miss: the request, its status, and the closest candidates with their first
 * reason (route misses) or the contract's first complaints (request misses).
 *
 * @example
 * describeMiss(miss); // "GET /stocks/abc → 404 — closest: GET /stock/{sku} (getStock) (path segment 1 is 'stocks', /stock/{sku} expects 'stock')"
 */
export function describeMiss(miss: MockMiss): string {
  const head = `${miss.method} ${miss.target} → ${miss.status}`;
  const more = (total: number): string => (total > SHOWN ? ` (+${total - SHOWN} more)` : '');
  if (miss.kind === 'request') {
    return `${head} — breaks the contract: ${miss.problems.slice(0, SHOWN).join('; ')}${more(miss.problems.length)}`;
  }
  if (miss.candidates.length === 0) return `${head} — nothing in the contract comes close`;
  const named = miss.candidates
    .slice(0, SHOWN)
    .map((c) => (c.reasons[0] === undefined ? c.name : `${c.name} (${c.reasons[0]})`));
  return `${head} — closest: ${named.join(', ')}${more(miss.candidates.length)}`;
}
