import { problemResponse } from '../http/problem.js';
import { createSchemaCompiler } from '../matching/json-schema.js';
import type { HttpOperation, Service } from '../model/index.js';
import { deref } from '../schema/coerce.js';
import { seededRandom } from '../util/random.js';
import { escapeRegex } from '../util/text.js';
import { MOCK_CODES } from './codes.js';
import { DeferredWork } from './deferred-work.js';
import {
  compileHoverflyStubs,
  type HoverflyMatchMode,
  type HoverflyStubs,
} from './hoverfly/hoverfly-stubs.js';
import { CompiledOperation, type EngineState, headerOf, type ValidationMode } from './operation.js';
import { closestCandidates, type NearMiss, nearMissDiagnostics } from './pact/near-miss.js';
import { compilePactStubs, type PactStubs } from './pact/pact-stubs.js';
import { Router } from './router.js';
import { serverBasePaths } from './server-base-paths.js';
import { sessionOf } from './session.js';
import type { HeaderMap, MockEngine, MockRequest, MockResponse } from './types.js';

export interface CompileOptions {
  /** Check requests against the contract: answer 4xx ('on', default), add a warning ('warn'), or not at all. */
  validateRequests?: ValidationMode;
  /** Check the contract's examples against their schemas; an invalid one is reported once. Default true. */
  validateResponses?: boolean;
  /** Answer CORS preflights and add Access-Control-Allow-Origin. Default true. */
  cors?: boolean;
  /** Seed for generated bodies. Default 0. */
  seed?: number;
  /** Service name → path prefix ('' = root). Default: one service → '', several → `/<name>`. */
  mounts?: Record<string, string>;
  /** Hoverfly pair selection when the request does not say (`X-Gauntlet-Match: first`). Default 'strongest'. */
  hoverflyMatch?: HoverflyMatchMode;
  /**
   * How Hoverfly pairs see requests: 'webserver' (default, as Hoverfly's webserver mode: the
   * `destination` and `scheme` matchers are not evaluated) or 'proxy' (they are matched against
   * the Host header and X-Forwarded-Proto, so one port can stand in for many hosts).
   */
  hoverflyServe?: 'webserver' | 'proxy';
  /** The clock for generators and templates. Default: the system clock. */
  now?: () => Date;
}

/** Request header choosing Hoverfly's pair selection for one request: `first` or `strongest`. */
export const MATCH_MODE_HEADER = 'x-gauntlet-match';

interface Mount {
  prefix: string;
  service: Service;
  basePath: string;
  router: Router<CompiledOperation>;
  /** Pact HTTP interactions served as stubs (pact sources). */
  pact?: PactStubs;
  /** Hoverfly pairs served as stubs (simulations). */
  hoverfly?: HoverflyStubs;
}

interface StubOptions {
  random: () => number;
  now: () => Date;
  serveMode?: 'webserver' | 'proxy';
}

const encoder = new TextEncoder();
const ALL_METHODS = 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS';

function normalisePrefix(prefix: string): string {
  if (prefix === '' || prefix === '/') return '';
  const withSlash = prefix.startsWith('/') ? prefix : `/${prefix}`;
  return withSlash.replace(/\/+$/, '');
}

/**
 * Regexes for path variables with an enum, so that `{sid}{ext}` splits `AC1.json` at `.json`
 * (longest alternative first).
 */
function variablePatterns(operation: HttpOperation, service: Service): Record<string, string> {
  const out: Record<string, string> = {};
  for (const parameter of operation.parameters) {
    if (parameter.in !== 'path') continue;
    const values = deref(parameter.schema, service.schemas)?.enum;
    if (!Array.isArray(values) || values.length === 0) continue;
    const texts = values
      .filter((v) => typeof v === 'string' || typeof v === 'number')
      .map((v) => escapeRegex(encodeURIComponent(String(v))))
      .sort((a, b) => b.length - a.length);
    if (texts.length > 0) out[parameter.name] = `(?:${texts.join('|')})`;
  }
  return out;
}

function buildMount(
  service: Service,
  prefix: string,
  seed: number,
  validateResponses: boolean,
  stubOptions: StubOptions,
  work?: { deferred: DeferredWork; mode: ValidationMode },
): Mount {
  const compiler = createSchemaCompiler(service.schemas);
  const router = new Router<CompiledOperation>();
  const later: Array<[string, string, CompiledOperation, Record<string, string>]> = [];
  const fallbacks: Array<[string, string, CompiledOperation]> = [];
  for (const operation of service.operations) {
    const compiled = new CompiledOperation(service, operation, compiler, {
      seed,
      validateResponses,
      ...(work ? { deferred: work.deferred, validateRequests: work.mode } : {}),
    });
    const patterns = variablePatterns(operation, service);
    // The path as written wins (Prism drop-in); server base paths are registered after all of them.
    router.add(operation.method, operation.path, compiled, patterns);
    const narrowed = Object.keys(patterns).length > 0;
    if (narrowed) fallbacks.push([operation.method, operation.path, compiled]);
    for (const base of serverBasePaths(operation.servers ?? service.servers)) {
      if (base === '') continue;
      later.push([operation.method, base + operation.path, compiled, patterns]);
      if (narrowed) fallbacks.push([operation.method, base + operation.path, compiled]);
    }
  }
  for (const [method, path, compiled, patterns] of later)
    router.add(method, path, compiled, patterns);
  // A variable outside its enum still reaches its operation (422, as Prism), never before a route
  // that matches.
  for (const [method, path, compiled] of fallbacks) router.addFallback(method, path, compiled);
  const mount: Mount = {
    prefix,
    service,
    basePath: serverBasePaths(service.servers)[0] ?? '',
    router,
  };
  if (service.interactions.length > 0) mount.pact = compilePactStubs(service, stubOptions);
  if (service.hoverfly) mount.hoverfly = compileHoverflyStubs(service.hoverfly, stubOptions);
  return mount;
}

function requestUrl(request: MockRequest): string {
  const host = headerOf(request.headers, 'host') ?? 'localhost';
  const proto = headerOf(request.headers, 'x-forwarded-proto') ?? 'http';
  return `${proto}://${host}${request.path}${request.query === '' ? '' : `?${request.query}`}`;
}

function corsHeaders(origin: string): Array<[string, string]> {
  return [
    ['Access-Control-Allow-Origin', origin],
    ['Access-Control-Allow-Credentials', 'true'],
    ['Access-Control-Expose-Headers', '*'],
    ['Vary', 'Origin'],
  ];
}

/**
 * Compiles services into a mock engine: routers, validators and the default answer of every
 * operation are built here, once, so `handle` only looks things up.
 *
 * @example
 * const engine = compile([service], { seed: 1 });
 * const res = engine.handle({ method: 'GET', path: '/pets/1', query: '', headers: {} });
 * // res.status === 200, res.body holds the example's bytes
 */
export function compile(services: Service[], options: CompileOptions = {}): MockEngine {
  const seed = options.seed ?? 0;
  const cors = options.cors ?? true;
  const validateResponses = options.validateResponses ?? true;
  const state: EngineState = {
    mode: options.validateRequests ?? 'on',
    random: seededRandom(seed ^ 0x5eed),
  };
  const several = services.length > 1;
  const stubOptions: StubOptions = {
    random: seededRandom(seed ^ 0x57ab),
    now: options.now ?? (() => new Date()),
    ...(options.hoverflyServe === undefined ? {} : { serveMode: options.hoverflyServe }),
  };
  const defaultMatch: HoverflyMatchMode = options.hoverflyMatch ?? 'strongest';
  // Validators and default answers are built after the server listens (engine.warmUp) or on
  // first use, so a 5 MB contract starts serving in well under a second.
  const deferred = new DeferredWork();
  const mounts = services
    .map((service) => {
      const given = options.mounts?.[service.name];
      const prefix = normalisePrefix(given ?? (several ? `/${service.name}` : ''));
      return buildMount(service, prefix, seed, validateResponses, stubOptions, {
        deferred,
        mode: state.mode,
      });
    })
    // Longest prefix first, so `/a/b` is tried before `/a` and '' last.
    .sort((a, b) => b.prefix.length - a.prefix.length);

  const listing = (request: MockRequest): MockResponse => {
    const host = headerOf(request.headers, 'host') ?? 'localhost';
    const proto = headerOf(request.headers, 'x-forwarded-proto') ?? 'http';
    const body = {
      services: services.map((service) => {
        const mount = mounts.find((m) => m.service === service)!;
        return {
          name: service.name,
          title: service.title,
          format: service.format,
          basePath: mount.prefix,
          url: `${proto}://${host}${mount.prefix}`,
        };
      }),
    };
    return {
      status: 200,
      headers: [['Content-Type', 'application/json']],
      body: encoder.encode(JSON.stringify(body)),
    };
  };

  const route = (request: MockRequest): MockResponse => {
    const method = request.method.toUpperCase();
    let notAllowed: { allowed: string[]; path: string } | undefined;
    for (const mount of mounts) {
      const { prefix } = mount;
      if (prefix !== '' && request.path !== prefix && !request.path.startsWith(`${prefix}/`))
        continue;
      const inner = request.path.slice(prefix.length) || '/';
      let result = mount.router.find(method, inner);
      let headOnly = false;
      if (result.kind !== 'found' && method === 'HEAD') {
        const asGet = mount.router.find('GET', inner);
        if (asGet.kind === 'found') {
          result = asGet;
          headOnly = true;
        }
      }
      if (result.kind === 'found') {
        return result.value.handle(
          { request, pathParams: result.params, url: () => requestUrl(request), headOnly },
          state,
        );
      }
      if (result.kind === 'method-not-allowed' && !notAllowed)
        notAllowed = { allowed: result.allowed, path: inner };
      const stubbed = serveStub(mount, request, inner);
      if (stubbed) return stubbed;
    }
    if (several && method === 'GET' && (request.path === '/' || request.path === ''))
      return listing(request);
    if (notAllowed) {
      const allow = notAllowed.allowed.join(', ');
      const message = `${method} is not allowed on ${request.path}; the contract allows ${allow}.`;
      return problemResponse(
        'METHOD_NOT_ALLOWED',
        `Failed to route ${method} ${request.path}: because ${message} Use one of those methods.`,
        [{ code: MOCK_CODES.methodNotAllowed, severity: 'error', message, path: '/method' }],
        [['Allow', allow]],
      );
    }
    const message = `No operation matches ${method} ${request.path}.`;
    const near = nearMisses(request);
    return problemResponse(
      'NOT_FOUND',
      `Failed to route ${method} ${request.path}: because ${message} Check the path against the contract${several ? ` (services are mounted under ${mounts.map((m) => m.prefix || '/').join(', ')})` : ''}${near.length > 0 ? '; the closest stubs and why they did not match are listed in diagnostics' : ''}.`,
      [
        { code: MOCK_CODES.routeNotFound, severity: 'error', message, path: '/path' },
        ...nearMissDiagnostics(near),
      ],
    );
  };

  /** Pact interactions, then Hoverfly pairs, of one mount; undefined when none matches. */
  const serveStub = (
    mount: Mount,
    request: MockRequest,
    inner: string,
  ): MockResponse | undefined => {
    if (mount.pact) {
      const host = headerOf(request.headers, 'host') ?? 'localhost';
      const proto = headerOf(request.headers, 'x-forwarded-proto') ?? 'http';
      const served = mount.pact.handle(request, {
        path: inner,
        baseUrl: `${proto}://${host}${mount.prefix}`,
      });
      if (served) return served;
    }
    if (mount.hoverfly) {
      const mode = headerOf(request.headers, MATCH_MODE_HEADER)?.toLowerCase();
      return mount.hoverfly.handle(request, {
        path: inner,
        session: sessionOf(request),
        mode: mode === 'first' || mode === 'strongest' ? mode : defaultMatch,
      });
    }
    return undefined;
  };

  /** The closest stubs (pact interactions, Hoverfly pairs) for a request nothing answered. */
  const nearMisses = (request: MockRequest, limit = 3): NearMiss[] => {
    const found: NearMiss[] = [];
    for (const mount of mounts) {
      if (!mount.pact && !mount.hoverfly) continue;
      const { prefix } = mount;
      if (prefix !== '' && request.path !== prefix && !request.path.startsWith(`${prefix}/`))
        continue;
      const inner = request.path.slice(prefix.length) || '/';
      const service = mount.service.name;
      if (mount.pact) {
        for (const miss of mount.pact.explain(request, { path: inner, baseUrl: '' }))
          found.push({ ...miss, service });
      }
      if (mount.hoverfly) {
        const session = sessionOf(request);
        for (const miss of mount.hoverfly.explain(request, {
          path: inner,
          session,
          mode: 'strongest',
        }))
          found.push({ ...miss, service });
      }
    }
    return closestCandidates(found, limit);
  };

  const preflight = (request: MockRequest, origin: string, headers: HeaderMap): MockResponse => {
    let methods = ALL_METHODS;
    for (const mount of mounts) {
      const { prefix } = mount;
      if (prefix !== '' && request.path !== prefix && !request.path.startsWith(`${prefix}/`))
        continue;
      const found = mount.router.find('\u0000', request.path.slice(prefix.length) || '/');
      if (found.kind === 'method-not-allowed') {
        methods = found.allowed.join(', ');
        break;
      }
    }
    return {
      status: 204,
      headers: [
        ['Access-Control-Allow-Origin', origin],
        ['Access-Control-Allow-Credentials', 'true'],
        ['Access-Control-Allow-Methods', methods],
        [
          'Access-Control-Allow-Headers',
          headerOf(headers, 'access-control-request-headers') ?? '*',
        ],
        ['Access-Control-Max-Age', '86400'],
        ['Vary', 'Origin'],
      ],
    };
  };

  return {
    warmUp: (keepGoing) => deferred.run(keepGoing),
    explain: nearMisses,
    reset(session?: string): void {
      for (const mount of mounts) mount.hoverfly?.reset(session);
    },
    handle(request: MockRequest): MockResponse {
      try {
        const origin = cors ? headerOf(request.headers, 'origin') : undefined;
        if (
          origin !== undefined &&
          request.method.toUpperCase() === 'OPTIONS' &&
          headerOf(request.headers, 'access-control-request-method') !== undefined
        ) {
          return preflight(request, origin, request.headers);
        }
        const response = route(request);
        if (origin === undefined) return response;
        // Header blocks are shared between requests: add CORS headers to a copy.
        return { ...response, headers: [...response.headers, ...corsHeaders(origin)] };
      } catch (error) {
        const message = `Unexpected ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)} while answering ${request.method} ${request.path}.`;
        return problemResponse(
          'INTERNAL',
          `${message} This is a Gauntlet bug; please report it with the contract and the request.`,
          [{ code: MOCK_CODES.internal, severity: 'error', message }],
        );
      }
    },
  };
}
