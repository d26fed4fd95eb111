import type { ProblemBody } from '../../http/problem.js';
import type { Diagnostic } from '../../model/index.js';
import { NEAR_MISS_CODE } from '../pact/near-miss.js';
import type { ScenarioEngine } from '../scenarios/types.js';
import { DEFAULT_SESSION, SESSION_HEADER } from '../session.js';
import type { MockEngine, MockRequest, MockResponse } from '../types.js';
import { createAdminHandler } from './admin-routes.js';
import { DEFAULT_JOURNAL_SIZE, Journal, type JournalSlot, toEntry } from './journal.js';
import { createOperationIndex, type HostTarget, type OperationIndex } from './operation-index.js';
import { RuntimeStubs } from './runtime-stubs.js';
import { ADMIN_PREFIX, type HostNearMiss, type JournalEntry, type MatchRef } from './types.js';

/**
 * An engine as the host sees it: the pure MockEngine, plus what the pact/Hoverfly engine may
 * offer (structured near misses, per-session state).
 */
export type HostEngine = MockEngine;

/** Stateful scenarios (src/mock/scenarios), asked before the contracts. */
export type HostScenarios = ScenarioEngine & {
  explain?(request: MockRequest, session: string, limit?: number): readonly HostNearMiss[];
};

/** One port's engine and the services it serves. */
export interface HostedEngine extends HostTarget {
  engine: HostEngine;
}

export interface MockHostOptions {
  /** One per port (index = port number in the admin API); most mocks have one. */
  targets: HostedEngine[];
  scenarios?: HostScenarios;
  /** Ring buffer size (default 10 000). */
  journalSize?: number;
  /** Serve `/__gauntlet/` on the mock's ports (default true; false when it has its own port). */
  adminOnMockPort?: boolean;
  /** Required as `Authorization: Bearer <token>` on every admin request when set. */
  adminToken?: string;
  /** How many candidates a miss names (default 3). */
  nearMisses?: number;
  /** Wall clock, epoch milliseconds (default Date.now). */
  now?: () => number;
  /** Monotonic clock for durations, milliseconds (default performance.now). */
  clock?: () => number;
}

export interface MockHost {
  /** Answers a request arriving on port `port` (an index into the targets). */
  handle(request: MockRequest, port?: number): MockResponse;
  /** Answers an admin request (any path; used directly when the admin API has its own port). */
  admin(request: MockRequest): MockResponse;
  /** A MockEngine view of one port, for adapters that take an engine (journaled, stubs first). */
  engineFor(port: number): MockEngine;
  /**
   * The current contract engine of one port with near-miss answers, but no journal, runtime
   * stubs or scenarios: asking it again (to explain a miss, say) counts nothing and moves no
   * scenario state.
   */
  contractEngine(port: number): MockEngine;
  /**
   * Replaces the engines (hot reload). Requests read the targets once when they start, so
   * a request in flight finishes on the engine it began with.
   */
  swap(targets: HostedEngine[]): void;
  /** The engines served now (after the last swap), one per port. */
  targets(): readonly HostedEngine[];
  readonly journal: Journal;
  /**
   * Calls `listener` after each request is journaled (before the adapter writes the answer),
   * with its entry and the answer; returns the unsubscribe. In-process watchers (`gauntlet dev`)
   * use it instead of polling. A listener must not throw: it runs on the request's path.
   */
  onEntry(listener: EntryListener): () => void;
  readonly stubs: RuntimeStubs;
  /** How many times `swap` was called. */
  readonly reloads: number;
}

/** Told about each journaled request: its entry (as `journal.read` gives it) and the answer. */
export type EntryListener = (entry: JournalEntry, response: MockResponse) => void;

/**
 * A response that says what produced it. The contract engine may set `matched` (e.g. on the
 * pre-built answer of a pact interaction: `{source: 'interaction', service, id: description}`);
 * the host journals it as is.
 */
export interface NamedResponse extends MockResponse {
  matched?: MatchRef;
}

interface LiveTarget extends HostedEngine {
  /** Built on first need: the hot path never pays for it. */
  index: () => OperationIndex;
  resolve: (slot: JournalSlot) => MatchRef;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function live(target: HostedEngine): LiveTarget {
  let index: OperationIndex | undefined;
  const get = (): OperationIndex => {
    index ??= createOperationIndex(target);
    return index;
  };
  return { ...target, index: get, resolve: (slot) => get().identify(slot) };
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The engine's own routing misses: 404 NOT_FOUND and 405 METHOD_NOT_ALLOWED problems. */
function routingMiss(response: MockResponse): ProblemBody | undefined {
  if (response.status !== 404 && response.status !== 405) return undefined;
  if (response.body === undefined) return undefined;
  const type = response.headers.find(([name]) => name.toLowerCase() === 'content-type');
  if (type === undefined || !type[1].startsWith('application/problem+json')) return undefined;
  try {
    const body = JSON.parse(decoder.decode(response.body)) as Partial<ProblemBody>;
    if (
      typeof body.type === 'string' &&
      (body.type.endsWith('#NOT_FOUND') || body.type.endsWith('#METHOD_NOT_ALLOWED'))
    ) {
      return body as ProblemBody;
    }
  } catch {
    // a contract's own 404 body that is not JSON: not ours
  }
  return undefined;
}

function describeCandidate(c: HostNearMiss): string {
  const kind =
    c.source === 'operation'
      ? 'operation'
      : c.source === 'pact'
        ? 'interaction'
        : c.source === 'hoverfly'
          ? 'pair'
          : c.source === 'scenario'
            ? 'scenario stub'
            : 'stub';
  return `${kind}${c.service ? ` of ${c.service}` : ''} ${c.name}`;
}

function closest(candidates: HostNearMiss[], limit: number): HostNearMiss[] {
  return candidates
    .map((c, i) => [c, i] as const)
    .sort((a, b) => b[0].score - a[0].score || a[1] - b[1])
    .slice(0, limit)
    .map(([c]) => c);
}

/**
 * Composes the mock: runtime stubs (highest priority), then scenarios, then the contract engine;
 * journals every request; turns routing misses into problems that name the closest candidates;
 * answers the admin API under `/__gauntlet/`. Pure: clocks come in as options.
 *
 * @example
 * const host = createMockHost({ targets: [{ engine, services, mounts: { petstore: '' } }] });
 * host.handle({ method: 'GET', path: '/pets/1', query: '', headers: {} });
 * host.journal.count({ path: '/pets/*' }); // 1
 */
export function createMockHost(options: MockHostOptions): MockHost {
  const journal = new Journal(options.journalSize ?? DEFAULT_JOURNAL_SIZE);
  const stubs = new RuntimeStubs();
  const scenarios = options.scenarios;
  const now = options.now ?? Date.now;
  const clock = options.clock ?? (() => performance.now());
  const limit = options.nearMisses ?? 3;
  const adminOnMockPort = options.adminOnMockPort ?? true;
  let targets: LiveTarget[] = options.targets.map(live);
  let reloads = 0;
  const listeners = new Set<EntryListener>();

  const resetState = (session: string | undefined): void => {
    for (const target of targets) target.engine.reset?.(session);
    scenarios?.reset(session);
  };

  const admin = createAdminHandler({
    journal,
    stubs,
    targets: () => targets,
    scenarios: () => scenarios?.list() ?? [],
    setScenarioState:
      scenarios === undefined
        ? undefined
        : (name, state, session) => scenarios.setState(name, state, session),
    resetState,
    reloads: () => reloads,
    ...(options.adminToken !== undefined ? { token: options.adminToken } : {}),
  });

  const explainMiss = (
    request: MockRequest,
    slot: JournalSlot,
    target: LiveTarget,
    session: string,
    engineProblem: ProblemBody,
    response: MockResponse,
  ): { response: MockResponse; nearMisses: HostNearMiss[] } => {
    const fromEngine = target.engine.explain?.(request, limit);
    const candidates = closest(
      [
        ...(fromEngine ?? []),
        ...target.index().explain(request, limit),
        ...(scenarios?.explain?.(request, session, limit) ?? []),
        ...(stubs.size > 0 ? stubs.explain(slot, limit) : []),
      ],
      limit,
    );
    // Near misses the engine already put in its diagnostics are replaced by the merged list.
    const kept = (engineProblem.diagnostics ?? []).filter(
      (d) => fromEngine === undefined || d.code !== NEAR_MISS_CODE,
    );
    const nearDiagnostics: Diagnostic[] = candidates.map((c) => ({
      code: NEAR_MISS_CODE,
      severity: 'info',
      message: `Closest ${describeCandidate(c)}: ${c.reasons.join('; ')}`,
    }));
    const best = candidates[0];
    const method = request.method.toUpperCase();
    const detail =
      best === undefined
        ? engineProblem.detail
        : `Failed to route ${method} ${request.path}: because nothing served here matches it; the closest is the ${describeCandidate(best)} (${best.reasons[0] ?? 'no reason given'}). Fix the request or the contract; nearMisses lists ${candidates.length} candidate(s).`;
    const body = {
      ...engineProblem,
      detail,
      diagnostics: [...kept, ...nearDiagnostics],
      nearMisses: candidates,
    };
    return {
      nearMisses: candidates,
      response: {
        ...response,
        headers: response.headers.filter(([name]) => name.toLowerCase() !== 'content-length'),
        body: encoder.encode(JSON.stringify(body)),
      },
    };
  };

  /** Runtime stubs, then scenarios, then the contract engine; fills in what answered. */
  const dispatch = (
    request: MockRequest,
    slot: JournalSlot,
    target: LiveTarget,
    session: string | undefined,
  ): MockResponse => {
    let response: MockResponse | undefined;
    if (stubs.size > 0) {
      const hit = stubs.match(slot);
      if (hit !== undefined) {
        response = hit.response;
        slot.matched = { source: 'stub', id: hit.id };
      }
    }
    if (response === undefined && scenarios !== undefined) {
      response = scenarios.handle(request, session ?? DEFAULT_SESSION);
      if (response !== undefined)
        slot.matched = (response as NamedResponse).matched ?? { source: 'scenario' };
    }
    if (response === undefined) {
      response = target.engine.handle(request);
      const miss = routingMiss(response);
      if (miss === undefined) {
        // An engine may name what answered on the response itself (free for pre-built
        // answers); otherwise the operation is looked up when the journal is read.
        const named = (response as NamedResponse).matched;
        if (named !== undefined) slot.matched = named;
        else slot.resolve = target.resolve;
      } else {
        const explained = explainMiss(
          request,
          slot,
          target,
          session ?? DEFAULT_SESSION,
          miss,
          response,
        );
        response = explained.response;
        slot.miss = true;
        slot.nearMisses = explained.nearMisses;
      }
    }
    return response;
  };

  const handle = (request: MockRequest, port = 0): MockResponse => {
    const path = request.path;
    if (
      adminOnMockPort &&
      path.startsWith(ADMIN_PREFIX) &&
      (path.length === ADMIN_PREFIX.length || path.charCodeAt(ADMIN_PREFIX.length) === 47)
    ) {
      return admin(request);
    }
    const startedAt = clock();
    // Read once: a reload during this request does not change the engine it is answered by.
    const current = targets;
    const target = current[port] ?? current[0]!;
    const session = firstHeader(request.headers[SESSION_HEADER]);
    const slot = journal.claim();
    slot.time = now();
    slot.method = request.method;
    slot.path = path;
    slot.query = request.query;
    slot.headers = request.headers;
    slot.session = session;
    slot.bodySize = request.body?.byteLength ?? 0;

    let response: MockResponse;
    try {
      response = dispatch(request, slot, target, session);
    } catch (error) {
      // The slot is reused: never leave the previous request's status in it.
      slot.status = 500;
      slot.durationMs = clock() - startedAt;
      throw error;
    }
    slot.status = response.status;
    slot.delayMs = response.delayMs;
    slot.durationMs = clock() - startedAt;
    if (listeners.size > 0) {
      const entry = toEntry(slot);
      for (const listener of listeners) listener(entry, response);
    }
    return response;
  };

  return {
    handle,
    admin,
    engineFor: (port) => ({
      handle: (request) => handle(request, port),
      // Put-off compile work (validators, default answers) of whichever engine serves the port
      // now, so the adapter's background warm-up reaches it through the host.
      warmUp: (keepGoing) => (targets[port] ?? targets[0])?.engine.warmUp?.(keepGoing) ?? false,
    }),
    contractEngine: (port) => ({
      handle(request) {
        const target = targets[port] ?? targets[0]!;
        const response = target.engine.handle(request);
        const miss = routingMiss(response);
        if (miss === undefined) return response;
        const session = firstHeader(request.headers[SESSION_HEADER]) ?? DEFAULT_SESSION;
        const subject: JournalSlot = {
          ...request,
          session,
          seq: 0,
          time: 0,
          bodySize: 0,
          status: 0,
          durationMs: 0,
          delayMs: undefined,
          miss: true,
          nearMisses: undefined,
          matched: undefined,
          resolve: undefined,
        };
        return explainMiss(request, subject, target, session, miss, response).response;
      },
    }),
    swap(next) {
      targets = next.map(live);
      reloads++;
    },
    targets: () => targets,
    journal,
    onEntry(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    stubs,
    get reloads() {
      return reloads;
    },
  };
}
