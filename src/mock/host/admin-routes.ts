import { createSchemaCompiler, type SchemaIssue } from '../../matching/json-schema.js';
import type { Diagnostic, Service } from '../../model/index.js';
import { safeDecode } from '../../util/text.js';
import type { HeaderMap, MockRequest, MockResponse } from '../types.js';
import { ADMIN_OPENAPI, ADMIN_SCHEMAS } from './admin-openapi.js';
import type { Journal } from './journal.js';
import type { HostTarget } from './operation-index.js';
import type { RuntimeStubs } from './runtime-stubs.js';
import {
  ADMIN_PREFIX,
  type AdminProblem,
  type Health,
  type JournalFilter,
  type ResetOptions,
  type ResetResult,
  type RouteSummary,
  type RoutesPage,
  type ScenarioStateInput,
  type ScenarioSummary,
  type ServiceSummary,
  type StubInput,
} from './types.js';

/** Diagnostic codes of admin API problems. Stable: clients switch on them. */
export const ADMIN_CODES = {
  unauthorized: 'mock.admin.unauthorized',
  notFound: 'mock.admin.not-found',
  methodNotAllowed: 'mock.admin.method-not-allowed',
  bodyMalformed: 'mock.admin.body.malformed',
  bodyInvalid: 'mock.admin.body.invalid',
  queryInvalid: 'mock.admin.query.invalid',
  stubNotFound: 'mock.admin.stub.not-found',
  scenarioNotFound: 'mock.admin.scenario.not-found',
} as const;

/** What the admin API reads and steers; the host owns all of it. */
export interface AdminContext {
  journal: Journal;
  stubs: RuntimeStubs;
  /** The current targets (read on each admin request: they change on reload). */
  targets(): readonly HostTarget[];
  scenarios(): ScenarioSummary[];
  /** Moves a scenario to a state (absent when no scenarios are loaded); throws for unknown names. */
  setScenarioState: ((name: string, state: string, session?: string) => void) | undefined;
  /** Resets scenario and simulation state of one session, or all. */
  resetState(session: string | undefined): void;
  reloads(): number;
  /** When set, every admin request must carry `Authorization: Bearer <token>`. */
  token?: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function json(status: number, value: unknown): MockResponse {
  return {
    status,
    headers: [
      ['Content-Type', 'application/json'],
      ['Cache-Control', 'no-store'],
    ],
    body: encoder.encode(JSON.stringify(value)),
  };
}

function problem(
  status: number,
  title: string,
  code: string,
  detail: string,
  extra: Diagnostic[] = [],
  headers: Array<[string, string]> = [],
): MockResponse {
  const body: AdminProblem = {
    type: `https://gauntlet.dev/problems#ADMIN_${title.toUpperCase().replace(/\W+/g, '_')}`,
    title,
    status,
    detail,
    diagnostics: [{ code, severity: 'error', message: detail }, ...extra],
  };
  return {
    status,
    headers: [['Content-Type', 'application/problem+json'], ...headers],
    body: encoder.encode(JSON.stringify(body)),
  };
}

function headerValue(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Compares without an early exit, so the time taken does not leak how much of a token was right. */
function sameSecret(given: string, expected: string): boolean {
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) {
    diff |= (given.charCodeAt(i % Math.max(given.length, 1)) || 0) ^ expected.charCodeAt(i);
  }
  return diff === 0;
}

function normalisePrefix(prefix: string | undefined): string {
  if (prefix === undefined || prefix === '' || prefix === '/') return '';
  return (prefix.startsWith('/') ? prefix : `/${prefix}`).replace(/\/+$/, '');
}

function summarise(service: Service, basePath: string, port: number): ServiceSummary {
  return {
    name: service.name,
    title: service.title,
    format: service.format,
    file: service.file,
    basePath,
    port,
    operations: service.operations.length,
    interactions: service.interactions.length,
    pairs: service.hoverfly?.pairs.length ?? 0,
    messages: service.messages.length,
  };
}

function exactValue(
  list: Array<{ matcher: string; value: unknown }> | undefined,
): string | undefined {
  const found = list?.find((m) => m.matcher === 'exact' && typeof m.value === 'string');
  return found === undefined ? undefined : (found.value as string);
}

function routesOf(service: Service, basePath: string): RouteSummary[] {
  const routes: RouteSummary[] = [];
  for (const op of service.operations) {
    routes.push({ source: 'operation', id: op.id, method: op.method, path: basePath + op.path });
  }
  for (const interaction of service.interactions) {
    routes.push({
      source: 'interaction',
      id: interaction.description,
      method: interaction.request.method.toUpperCase(),
      path: basePath + interaction.request.path,
    });
  }
  service.hoverfly?.pairs.forEach((pair, i) => {
    const route: RouteSummary = { source: 'pair', id: `pairs[${i}]` };
    const method = exactValue(pair.request.method);
    const path = pair.request.path?.find((m) => typeof m.value === 'string');
    if (method !== undefined) route.method = method.toUpperCase();
    if (path !== undefined) route.path = basePath + (path.value as string);
    routes.push(route);
  });
  for (const message of service.messages)
    routes.push({ source: 'message', id: message.description });
  return routes;
}

type Validator = (value: unknown) => SchemaIssue[];
let validators: Map<string, Validator> | undefined;

/** Admin bodies are checked against the admin document's own schemas (compiled on first use). */
function validatorFor(schema: string): Validator {
  validators ??= new Map();
  let validator = validators.get(schema);
  if (validator === undefined) {
    validator = createSchemaCompiler(ADMIN_SCHEMAS).compile({
      $ref: `#/components/schemas/${schema}`,
    });
    validators.set(schema, validator);
  }
  return validator;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; response: MockResponse };

function readBody<T>(request: MockRequest, schema: string, optional = false): Parsed<T> {
  const text = request.body === undefined ? '' : decoder.decode(request.body);
  if (text.trim() === '' && optional) return { ok: true, value: {} as T };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      response: problem(
        400,
        'Malformed request',
        ADMIN_CODES.bodyMalformed,
        `Failed to read the admin request body: because it is not JSON (${reason}). Send a JSON ${schema}.`,
      ),
    };
  }
  const issues = validatorFor(schema)(value);
  if (issues.length > 0) {
    const diagnostics: Diagnostic[] = issues.map((issue) => ({
      code: ADMIN_CODES.bodyInvalid,
      severity: 'error',
      message: `${issue.path || '(body)'} ${issue.message}`,
      path: issue.path,
    }));
    return {
      ok: false,
      response: problem(
        400,
        'Invalid request',
        ADMIN_CODES.bodyInvalid,
        `Failed to read the admin request body: because it is not a valid ${schema} (${diagnostics[0]!.message}). See /__gauntlet/openapi.json.`,
        diagnostics,
      ),
    };
  }
  return { ok: true, value: value as T };
}

function readJournalQuery(query: string): Parsed<JournalFilter> {
  const params = new URLSearchParams(query);
  const filter: JournalFilter = {};
  const method = params.get('method');
  const path = params.get('path');
  const session = params.get('session');
  const matched = params.get('matched');
  const limit = params.get('limit');
  const since = params.get('since');
  if (method !== null) filter.method = method;
  if (path !== null) filter.path = path;
  if (session !== null) filter.session = session;
  const bad = (name: string, value: string, want: string): Parsed<JournalFilter> => ({
    ok: false,
    response: problem(
      400,
      'Invalid request',
      ADMIN_CODES.queryInvalid,
      `Failed to read the journal query: because ${name}=${value} is not ${want}. Fix the query parameter.`,
    ),
  });
  if (matched !== null) {
    if (matched !== 'true' && matched !== 'false') return bad('matched', matched, 'true or false');
    filter.matched = matched === 'true';
  }
  if (limit !== null) {
    if (!/^\d+$/.test(limit)) return bad('limit', limit, 'a non-negative integer');
    filter.limit = Number(limit);
  }
  if (since !== null) {
    if (!/^\d+$/.test(since)) return bad('since', since, 'a non-negative integer');
    filter.since = Number(since);
  }
  return { ok: true, value: filter };
}

const ROUTES = [
  'health',
  'services',
  'routes',
  'scenarios',
  'scenarios/{name}/state',
  'journal',
  'journal/count',
  'reset',
  'stubs',
  'stubs/{id}',
  'openapi.json',
];

/**
 * The admin API under `/__gauntlet/`: plain data in, MockResponse out (the host decides whether
 * it runs on the mock's port or its own).
 *
 * @example
 * const admin = createAdminHandler(context);
 * admin({ method: 'GET', path: '/__gauntlet/health', query: '', headers: {} });
 */
export function createAdminHandler(context: AdminContext): (request: MockRequest) => MockResponse {
  let openapiBytes: Uint8Array | undefined;
  const { journal, stubs } = context;

  const services = (): ServiceSummary[] =>
    context
      .targets()
      .flatMap((target, port) =>
        target.services.map((s) => summarise(s, normalisePrefix(target.mounts[s.name]), port)),
      );

  return (request) => {
    if (context.token !== undefined) {
      const given = headerValue(request.headers, 'authorization') ?? '';
      const token = given.startsWith('Bearer ') ? given.slice(7).trim() : '';
      if (!sameSecret(token, context.token)) {
        return problem(
          401,
          'Unauthorized',
          ADMIN_CODES.unauthorized,
          'Failed to use the admin API: because the request has no valid admin token. Send `Authorization: Bearer <token>` with the token the mock was started with (--admin-token or GAUNTLET_ADMIN_TOKEN).',
          [],
          [['WWW-Authenticate', 'Bearer realm="gauntlet-admin"']],
        );
      }
    }
    const method = request.method.toUpperCase();
    const route = request.path.slice(ADMIN_PREFIX.length).replace(/^\/+|\/+$/g, '');
    const notAllowed = (allowed: string): MockResponse =>
      problem(
        405,
        'Method not allowed',
        ADMIN_CODES.methodNotAllowed,
        `Failed to call ${ADMIN_PREFIX}/${route}: because ${method} is not allowed there. Use ${allowed}.`,
        [],
        [['Allow', allowed]],
      );

    switch (route) {
      case 'health': {
        if (method !== 'GET') return notAllowed('GET');
        const health: Health = {
          status: 'ok',
          services: services().length,
          journal: { size: journal.size, capacity: journal.capacity, recorded: journal.recorded },
          stubs: stubs.size,
          reloads: context.reloads(),
        };
        return json(200, health);
      }
      case 'services':
        if (method !== 'GET') return notAllowed('GET');
        return json(200, { services: services() });
      case 'routes': {
        if (method !== 'GET') return notAllowed('GET');
        const page: RoutesPage = {
          services: context.targets().flatMap((target) =>
            target.services.map((s) => {
              const basePath = normalisePrefix(target.mounts[s.name]);
              return { service: s.name, basePath, routes: routesOf(s, basePath) };
            }),
          ),
          stubs: stubs.list(),
        };
        return json(200, page);
      }
      case 'scenarios':
        if (method !== 'GET') return notAllowed('GET');
        return json(200, { scenarios: context.scenarios() });
      case 'journal': {
        if (method === 'GET') {
          const filter = readJournalQuery(request.query);
          if (!filter.ok) return filter.response;
          return json(200, journal.read(filter.value));
        }
        if (method === 'DELETE') {
          const session = new URLSearchParams(request.query).get('session') ?? undefined;
          return json(200, { cleared: journal.clear(session) });
        }
        return notAllowed('GET, DELETE');
      }
      case 'journal/count': {
        if (method !== 'POST') return notAllowed('POST');
        const body = readBody<JournalFilter>(request, 'CountRequest');
        if (!body.ok) return body.response;
        return json(200, { count: journal.count(body.value) });
      }
      case 'reset': {
        if (method !== 'POST') return notAllowed('POST');
        const body = readBody<ResetOptions>(request, 'ResetOptions', true);
        if (!body.ok) return body.response;
        const {
          session,
          state = true,
          journal: clearJournal = true,
          stubs: clearStubs = false,
        } = body.value;
        if (state) context.resetState(session);
        const result: ResetResult = {
          state,
          journalCleared: clearJournal ? journal.clear(session) : 0,
          stubsRemoved: clearStubs ? stubs.clear() : 0,
        };
        return json(200, result);
      }
      case 'stubs': {
        if (method === 'GET') return json(200, { stubs: stubs.list() });
        if (method === 'DELETE') return json(200, { removed: stubs.clear() });
        if (method === 'POST') {
          const body = readBody<StubInput>(request, 'StubInput');
          if (!body.ok) return body.response;
          return json(201, stubs.add(body.value));
        }
        return notAllowed('GET, POST, DELETE');
      }
      case 'openapi.json':
        if (method !== 'GET') return notAllowed('GET');
        openapiBytes ??= encoder.encode(JSON.stringify(ADMIN_OPENAPI));
        return { status: 200, headers: [['Content-Type', 'application/json']], body: openapiBytes };
      default:
        break;
    }
    const scenarioState = /^scenarios\/([^/]+)\/state$/.exec(route);
    if (scenarioState !== null) {
      if (method !== 'PUT') return notAllowed('PUT');
      const body = readBody<ScenarioStateInput>(request, 'ScenarioStateInput');
      if (!body.ok) return body.response;
      const name = safeDecode(scenarioState[1]!);
      const fail = (reason: string): MockResponse =>
        problem(
          404,
          'Scenario not found',
          ADMIN_CODES.scenarioNotFound,
          `Failed to set scenario ${name} to ${body.value.state}: because ${reason}. GET ${ADMIN_PREFIX}/scenarios lists the scenarios and their states.`,
        );
      if (context.setScenarioState === undefined) return fail('no scenarios are loaded');
      try {
        context.setScenarioState(name, body.value.state, body.value.session);
      } catch (error) {
        return fail(error instanceof Error ? error.message : String(error));
      }
      const summary = context.scenarios().find((s) => s.name === name);
      return summary === undefined ? fail('it is not listed') : json(200, summary);
    }
    if (route.startsWith('stubs/')) {
      if (method !== 'DELETE') return notAllowed('DELETE');
      const id = safeDecode(route.slice('stubs/'.length));
      if (stubs.remove(id)) return json(200, { removed: 1 });
      return problem(
        404,
        'Stub not found',
        ADMIN_CODES.stubNotFound,
        `Failed to remove stub ${id}: because no runtime stub has that id. GET ${ADMIN_PREFIX}/stubs lists them.`,
      );
    }
    return problem(
      404,
      'Not found',
      ADMIN_CODES.notFound,
      `Failed to find ${request.path}: because the admin API has no such route. Use one of ${ROUTES.map((r) => `${ADMIN_PREFIX}/${r}`).join(', ')}.`,
    );
  };
}
