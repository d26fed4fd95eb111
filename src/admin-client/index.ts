import { GauntletError } from '../errors.js';
import {
  ADMIN_PREFIX,
  type AdminProblem,
  type Health,
  type JournalFilter,
  type JournalPage,
  type RequestPattern,
  type ResetOptions,
  type ResetResult,
  type RoutesPage,
  type RuntimeStub,
  type ScenarioSummary,
  type ServiceSummary,
  type StubInput,
} from '../mock/host/types.js';

export type {
  AdminProblem,
  Health,
  HostNearMiss,
  JournalEntry,
  JournalFilter,
  JournalPage,
  MatchRef,
  RequestPattern,
  ResetOptions,
  ResetResult,
  RouteSummary,
  RoutesPage,
  RuntimeStub,
  ScenarioSummary,
  ServiceRoutes,
  ServiceSummary,
  StubInput,
  StubResponse,
} from '../mock/host/types.js';

/** A request pattern for `count`, optionally only answered requests (or only misses). */
export type CountPattern = RequestPattern & { matched?: boolean };

export interface AdminClientOptions {
  /** Sent as `Authorization: Bearer <token>` (needed when the mock was started with one). */
  token?: string;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
}

export interface AdminClient {
  /** The admin API's base URL, ending in `/__gauntlet`. */
  readonly url: string;
  health(): Promise<Health>;
  services(): Promise<ServiceSummary[]>;
  routes(): Promise<RoutesPage>;
  scenarios(): Promise<ScenarioSummary[]>;
  setScenarioState(name: string, state: string, session?: string): Promise<ScenarioSummary>;
  /** Journaled requests matching `filter`, newest first. */
  journal(filter?: JournalFilter): Promise<JournalPage>;
  /** Forgets the journal (or one session's entries); returns how many entries went. */
  clearJournal(session?: string): Promise<number>;
  /** How many journaled requests match: `expect(await admin.count({ path: '/pay' })).toBe(2)`. */
  count(pattern?: CountPattern): Promise<number>;
  reset(options?: ResetOptions): Promise<ResetResult>;
  stubs(): Promise<RuntimeStub[]>;
  addStub(stub: StubInput): Promise<RuntimeStub>;
  /** Removes a runtime stub; false when no stub had that id. */
  removeStub(id: string): Promise<boolean>;
  clearStubs(): Promise<number>;
}

function adminBase(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  return trimmed.endsWith(ADMIN_PREFIX) ? trimmed : `${trimmed}${ADMIN_PREFIX}`;
}

function journalQuery(filter: JournalFilter): string {
  const params = new URLSearchParams();
  if (filter.method !== undefined) params.set('method', filter.method);
  if (filter.path !== undefined) params.set('path', filter.path);
  if (filter.session !== undefined) params.set('session', filter.session);
  if (filter.matched !== undefined) params.set('matched', String(filter.matched));
  if (filter.limit !== undefined) params.set('limit', String(filter.limit));
  if (filter.since !== undefined) params.set('since', String(filter.since));
  if (filter.query !== undefined || filter.headers !== undefined) {
    throw new GauntletError(
      'GAUNTLET_E_USAGE',
      'Failed to read the journal: because query and header filters are only supported by count(). Filter the entries yourself, or use count().',
    );
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * A typed client for a running mock's admin API (`/__gauntlet/`). `baseUrl` is the mock's URL
 * (or the admin port's); the types are the host's own, so they cannot drift.
 *
 * @example
 * const admin = createAdminClient(mock.url);
 * await admin.addStub({ request: { method: 'POST', path: '/payments' }, response: { status: 503 } });
 * // ... exercise the system ...
 * expect(await admin.count({ method: 'POST', path: '/payments' })).toBe(3);
 */
export function createAdminClient(baseUrl: string, options: AdminClientOptions = {}): AdminClient {
  const url = adminBase(baseUrl);
  const doFetch = options.fetch ?? fetch;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;

  const call = async <T>(
    method: string,
    path: string,
    body?: unknown,
    allow404 = false,
  ): Promise<T | undefined> => {
    let response: Response;
    try {
      response = await doFetch(`${url}${path}`, {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new GauntletError(
        'GAUNTLET_E_ADMIN_REQUEST',
        `Failed to call ${method} ${url}${path}: because the mock could not be reached (${error instanceof Error ? error.message : String(error)}).`,
        { hint: 'Check that the mock is running and that the URL is its base URL.', cause: error },
      );
    }
    const text = await response.text();
    if (response.ok) return JSON.parse(text) as T;
    if (allow404 && response.status === 404) return undefined;
    let detail = text;
    try {
      detail = (JSON.parse(text) as AdminProblem).detail ?? text;
    } catch {
      // not a problem+json body: show it as it is
    }
    throw new GauntletError(
      'GAUNTLET_E_ADMIN_REQUEST',
      `Failed to call ${method} ${url}${path}: because the mock answered ${response.status}: ${detail}`,
      {
        hint:
          response.status === 401
            ? 'Pass the token the mock was started with: createAdminClient(url, { token }).'
            : 'See /__gauntlet/openapi.json for what the admin API takes.',
      },
    );
  };
  const must = async <T>(method: string, path: string, body?: unknown): Promise<T> =>
    (await call<T>(method, path, body)) as T;

  return {
    url,
    health: () => must<Health>('GET', '/health'),
    services: async () => (await must<{ services: ServiceSummary[] }>('GET', '/services')).services,
    routes: () => must<RoutesPage>('GET', '/routes'),
    scenarios: async () =>
      (await must<{ scenarios: ScenarioSummary[] }>('GET', '/scenarios')).scenarios,
    setScenarioState: (name, state, session) =>
      must<ScenarioSummary>('PUT', `/scenarios/${encodeURIComponent(name)}/state`, {
        state,
        ...(session !== undefined ? { session } : {}),
      }),
    journal: (filter = {}) => must<JournalPage>('GET', `/journal${journalQuery(filter)}`),
    clearJournal: async (session) =>
      (
        await must<{ cleared: number }>(
          'DELETE',
          `/journal${session === undefined ? '' : `?session=${encodeURIComponent(session)}`}`,
        )
      ).cleared,
    count: async (pattern = {}) =>
      (await must<{ count: number }>('POST', '/journal/count', pattern)).count,
    reset: (resetOptions = {}) => must<ResetResult>('POST', '/reset', resetOptions),
    stubs: async () => (await must<{ stubs: RuntimeStub[] }>('GET', '/stubs')).stubs,
    addStub: (stub) => must<RuntimeStub>('POST', '/stubs', stub),
    removeStub: async (id) =>
      (await call<{ removed: number }>(
        'DELETE',
        `/stubs/${encodeURIComponent(id)}`,
        undefined,
        true,
      )) !== undefined,
    clearStubs: async () => (await must<{ removed: number }>('DELETE', '/stubs')).removed,
  };
}
