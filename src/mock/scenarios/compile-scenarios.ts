import { GauntletError } from '../../errors.js';
import type { Diagnostic } from '../../model/index.js';
import { seededRandom } from '../../util/random.js';
import { resolveDelay } from '../faults/delay.js';
import type { DelaySpec, FaultSpec } from '../faults/types.js';
import { DEFAULT_SESSION } from '../session.js';
import {
  compileJsonTemplate,
  type JsonTemplate,
  renderJsonTemplate,
} from '../templating/json-template.js';
import { parseTemplate } from '../templating/parse-template.js';
import { renderTemplate } from '../templating/render-template.js';
import { createRequestContext, RESPONSE_TEMPLATES } from '../templating/response-templates.js';
import type { CompiledTemplate } from '../templating/types.js';
import type { MockRequest, MockResponse } from '../types.js';
import { type CompiledPattern, compilePattern, type RequestView } from './request-pattern.js';
import type {
  CompileScenariosOptions,
  ResponseDefinition,
  ScenarioDefinition,
  ScenarioEngine,
  ScenarioSummary,
} from './types.js';

const DEFAULT_INITIAL_STATE = 'Started';
const DEFAULT_MAX_SESSIONS = 10_000;
const encoder = new TextEncoder();

type CompiledBody =
  | { kind: 'none' }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'json'; template: JsonTemplate }
  | { kind: 'text'; template: CompiledTemplate };

interface CompiledResponse {
  status: number;
  headers: Array<[string, string]>;
  /** Header values that are templates (only with `template: true`). */
  headerTemplates: Array<[string, CompiledTemplate]>;
  body: CompiledBody;
  /** The whole response is static: the same object is returned every time. */
  fixed?: MockResponse;
  delay?: DelaySpec;
  fault?: FaultSpec;
}

interface CompiledScenario {
  name: string;
  initialState: string;
  states: string[];
  stubCount: number;
}

interface CompiledStub {
  id: string;
  scenario: CompiledScenario;
  pattern: CompiledPattern;
  states?: ReadonlySet<string>;
  nextState?: string;
  responses: CompiledResponse[];
  cycle: boolean;
  priority: number;
  order: number;
}

interface SessionState {
  states: Map<string, string>;
  /** Stub id → calls answered (for sequences). */
  calls: Map<string, number>;
  /** Stub id → its seeded generator for this session. */
  randoms: Map<string, () => number>;
}

interface MethodIndex {
  literal: Map<string, CompiledStub[]>;
  dynamic: CompiledStub[];
}

function byRank(a: CompiledStub, b: CompiledStub): number {
  return a.priority - b.priority || a.order - b.order;
}

/** Merges two lists that are each in rank order. */
function mergeRanked(a: CompiledStub[], b: CompiledStub[]): CompiledStub[] {
  const out: CompiledStub[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(byRank(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** 32-bit FNV-1a: mixes the seed, session and stub id into one seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function normalisePrefix(prefix: string | undefined): string {
  if (prefix === undefined || prefix === '' || prefix === '/') return '';
  const withSlash = prefix.startsWith('/') ? prefix : `/${prefix}`;
  return withSlash.endsWith('/') ? withSlash.slice(0, -1) : withSlash;
}

function contentTypeOf(file: string): string {
  const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  const types: Record<string, string> = {
    json: 'application/json',
    xml: 'application/xml',
    html: 'text/html; charset=utf-8',
    txt: 'text/plain; charset=utf-8',
    csv: 'text/csv; charset=utf-8',
  };
  return types[ext] ?? 'application/octet-stream';
}

interface Collector {
  diagnostics: Diagnostic[];
  add(pointer: string, message: string): void;
}

function compileResponse(
  definition: ResponseDefinition,
  pointer: string,
  options: CompileScenariosOptions,
  out: Collector,
): CompiledResponse | undefined {
  const before = out.diagnostics.length;
  const status = definition.status ?? 200;
  if (!Number.isInteger(status) || status < 100 || status > 999) {
    out.add(
      `${pointer}/status`,
      `status must be an integer from 100 to 999, got ${String(status)}`,
    );
  }
  const template = definition.template === true;
  const headers: Array<[string, string]> = [];
  const headerTemplates: Array<[string, CompiledTemplate]> = [];
  let hasContentType = false;
  for (const [name, value] of Object.entries(definition.headers ?? {})) {
    if (name.toLowerCase() === 'content-type') hasContentType = true;
    const text = String(value);
    if (template) {
      const parsed = parseTemplate(text, RESPONSE_TEMPLATES);
      for (const issue of parsed.issues) out.add(`${pointer}/headers/${name}`, issue.message);
      if (!parsed.template.isStatic) {
        headerTemplates.push([name, parsed.template]);
        continue;
      }
    }
    headers.push([name, text]);
  }

  let body: CompiledBody = { kind: 'none' };
  if (definition.bodyFile !== undefined && definition.body !== undefined) {
    out.add(`${pointer}/bodyFile`, 'give either body or bodyFile, not both');
  } else if (definition.bodyFile !== undefined) {
    const bytes = options.files?.get(definition.bodyFile);
    if (bytes === undefined) {
      out.add(
        `${pointer}/bodyFile`,
        `the body file '${definition.bodyFile}' was not loaded: use loadScenarioFile, or pass it in options.files`,
      );
    } else {
      if (!hasContentType) headers.push(['Content-Type', contentTypeOf(definition.bodyFile)]);
      if (template) {
        const parsed = parseTemplate(new TextDecoder().decode(bytes), RESPONSE_TEMPLATES);
        for (const issue of parsed.issues) out.add(`${pointer}/bodyFile`, issue.message);
        body = parsed.template.isStatic
          ? { kind: 'bytes', bytes }
          : { kind: 'text', template: parsed.template };
      } else body = { kind: 'bytes', bytes };
    }
  } else if (typeof definition.body === 'string') {
    if (!hasContentType) headers.push(['Content-Type', 'text/plain; charset=utf-8']);
    const parsed = template ? parseTemplate(definition.body, RESPONSE_TEMPLATES) : undefined;
    for (const issue of parsed?.issues ?? []) out.add(`${pointer}/body`, issue.message);
    body =
      parsed !== undefined && !parsed.template.isStatic
        ? { kind: 'text', template: parsed.template }
        : { kind: 'bytes', bytes: encoder.encode(definition.body) };
  } else if (definition.body !== undefined) {
    if (!hasContentType) headers.push(['Content-Type', 'application/json']);
    const compiled = template
      ? compileJsonTemplate(definition.body, RESPONSE_TEMPLATES, `${pointer}/body`)
      : undefined;
    for (const issue of compiled?.issues ?? []) out.add(issue.pointer, issue.message);
    body =
      compiled !== undefined && compiled.template.kind !== 'static'
        ? { kind: 'json', template: compiled.template }
        : { kind: 'bytes', bytes: encoder.encode(JSON.stringify(definition.body)) };
  }
  if (out.diagnostics.length > before) return undefined;

  const compiled: CompiledResponse = {
    status,
    headers,
    headerTemplates,
    body,
    ...(definition.delay === undefined ? {} : { delay: definition.delay }),
    ...(definition.fault === undefined ? {} : { fault: definition.fault }),
  };
  // A response without expressions or a delay to draw (even with `template: true`) is built once.
  if (
    headerTemplates.length === 0 &&
    (body.kind === 'none' || body.kind === 'bytes') &&
    definition.delay === undefined
  ) {
    compiled.fixed = {
      status,
      headers,
      ...(body.kind === 'bytes' ? { body: body.bytes } : {}),
      ...(definition.fault === undefined ? {} : { fault: definition.fault }),
    };
  }
  return compiled;
}

/**
 * Compiles scenarios into an engine that answers requests per session. Everything is parsed
 * once here (patterns, regexes, templates, static bodies); `handle` only matches and renders.
 * Stubs are tried by priority, then in definition order; for each method the candidate list is
 * built up front. Invalid stubs are left out and reported in `engine.diagnostics`, with
 * `path` = a JSON pointer into the definitions array (`/0/stubs/2/response/body`).
 *
 * @example
 * const scenarios = compileScenarios([stockScenario], { seed: 1 });
 * const response = scenarios.handle(request, sessionOf(request)) ?? contractEngine.handle(request);
 */
export function compileScenarios(
  definitions: ScenarioDefinition[],
  options: CompileScenariosOptions = {},
): ScenarioEngine {
  const seed = options.seed ?? 1;
  const now = options.now ?? (() => new Date());
  const maxSessions = Math.max(1, options.maxSessions ?? DEFAULT_MAX_SESSIONS);
  const diagnostics: Diagnostic[] = [];
  const collector: Collector = {
    diagnostics,
    add(pointer, message) {
      diagnostics.push({
        code: 'GAUNTLET_E_MOCK_SCENARIO_INVALID',
        severity: 'error',
        message: `Failed to compile the scenario stub at ${pointer}: because ${message}. Fix the scenario definition.`,
        path: pointer,
      });
    },
  };

  const scenarios = new Map<string, CompiledScenario>();
  const stubs: CompiledStub[] = [];
  const ids = new Set<string>();
  definitions.forEach((definition, d) => {
    const base = `/${d}`;
    if (scenarios.has(definition.name)) {
      collector.add(`${base}/name`, `a scenario named '${definition.name}' is defined twice`);
      return;
    }
    const initialState = definition.initialState ?? DEFAULT_INITIAL_STATE;
    const named = new Set<string>([initialState]);
    for (const stub of definition.stubs) {
      for (const s of [stub.state ?? []].flat()) named.add(s);
      if (stub.nextState !== undefined) named.add(stub.nextState);
    }
    const declared = definition.states;
    const allowed = declared === undefined ? undefined : new Set([...declared, initialState]);
    const scenario: CompiledScenario = {
      name: definition.name,
      initialState,
      states: declared !== undefined ? [...new Set([initialState, ...declared])] : [...named],
      stubCount: 0,
    };
    scenarios.set(definition.name, scenario);
    const prefix = normalisePrefix(
      definition.service === undefined ? undefined : options.mounts?.[definition.service],
    );

    definition.stubs.forEach((stub, i) => {
      const pointer = `${base}/stubs/${i}`;
      const before = diagnostics.length;
      if (allowed !== undefined) {
        const known = [...allowed].join(', ');
        for (const s of [stub.state ?? []].flat()) {
          if (!allowed.has(s))
            collector.add(`${pointer}/state`, `state '${s}' is not one of states: ${known}`);
        }
        if (stub.nextState !== undefined && !allowed.has(stub.nextState)) {
          collector.add(
            `${pointer}/nextState`,
            `state '${stub.nextState}' is not one of states: ${known}`,
          );
        }
      }
      const id = stub.id ?? `${definition.name}#${i}`;
      if (ids.has(id)) collector.add(`${pointer}/id`, `the stub id '${id}' is used twice`);
      ids.add(id);
      const { pattern, issues } = compilePattern(stub.request, prefix);
      for (const issue of issues)
        collector.add(`${pointer}/request${issue.pointer}`, issue.message);
      if (stub.response !== undefined && stub.responses !== undefined) {
        collector.add(`${pointer}/responses`, 'give either response or responses, not both');
      }
      const list = stub.responses ?? (stub.response === undefined ? [] : [stub.response]);
      if (list.length === 0)
        collector.add(pointer, 'a stub needs a response (or a responses sequence)');
      const responses = list.map((r, j) =>
        compileResponse(
          r,
          stub.responses === undefined ? `${pointer}/response` : `${pointer}/responses/${j}`,
          options,
          collector,
        ),
      );
      if (diagnostics.length > before || pattern === undefined) return;
      const states = stub.state === undefined ? undefined : new Set([stub.state].flat());
      stubs.push({
        id,
        scenario,
        pattern,
        ...(states === undefined ? {} : { states }),
        ...(stub.nextState === undefined ? {} : { nextState: stub.nextState }),
        responses: responses as CompiledResponse[],
        cycle: stub.afterLast === 'cycle',
        priority: stub.priority ?? 0,
        order: stubs.length,
      });
      scenario.stubCount++;
    });
  });

  stubs.sort(byRank);
  // Candidates per method, built once (a stub without a method is in every method's): stubs
  // with a literal path in a map by path, the others (templates, regexes, any path) in a list.
  // A request then looks at its own path's stubs and the dynamic ones, never at every stub.
  const index = (list: CompiledStub[]): MethodIndex => {
    const literal = new Map<string, CompiledStub[]>();
    const dynamic: CompiledStub[] = [];
    for (const stub of list) {
      const path = stub.pattern.literalPath;
      if (path === undefined) dynamic.push(stub);
      else {
        const same = literal.get(path);
        if (same === undefined) literal.set(path, [stub]);
        else same.push(stub);
      }
    }
    return { literal, dynamic };
  };
  const anyMethod = index(stubs.filter((s) => s.pattern.method === undefined));
  const byMethod = new Map<string, MethodIndex>();
  for (const method of new Set(
    stubs.flatMap((s) => (s.pattern.method === undefined ? [] : [s.pattern.method])),
  )) {
    byMethod.set(
      method,
      index(stubs.filter((s) => s.pattern.method === undefined || s.pattern.method === method)),
    );
  }

  // Insertion order of a Map is its recency: a touched session is moved to the end.
  const sessions = new Map<string, SessionState>();
  const sessionFor = (session: string, create: boolean): SessionState | undefined => {
    const found = sessions.get(session);
    if (found !== undefined) {
      sessions.delete(session);
      sessions.set(session, found);
      return found;
    }
    if (!create) return undefined;
    const fresh: SessionState = { states: new Map(), calls: new Map(), randoms: new Map() };
    sessions.set(session, fresh);
    if (sessions.size > maxSessions) sessions.delete(sessions.keys().next().value as string);
    return fresh;
  };

  const randomFor = (state: SessionState, session: string, stubId: string): (() => number) => {
    let random = state.randoms.get(stubId);
    if (random === undefined) {
      random = seededRandom(hash(`${seed}\u0000${session}\u0000${stubId}`));
      state.randoms.set(stubId, random);
    }
    return random;
  };

  const render = (
    response: CompiledResponse,
    request: MockRequest,
    params: Record<string, string>,
    random: () => number,
  ): MockResponse => {
    if (response.fixed !== undefined) return response.fixed;
    const context = createRequestContext(request, { params, now, random });
    let headers = response.headers;
    if (response.headerTemplates.length > 0) {
      headers = [...headers];
      for (const [name, template] of response.headerTemplates) {
        headers.push([name, renderTemplate(template, context, RESPONSE_TEMPLATES)]);
      }
    }
    let body: Uint8Array | undefined;
    const compiled = response.body;
    if (compiled.kind === 'bytes') body = compiled.bytes;
    else if (compiled.kind === 'json') {
      body = encoder.encode(
        JSON.stringify(renderJsonTemplate(compiled.template, context, RESPONSE_TEMPLATES)),
      );
    } else if (compiled.kind === 'text') {
      body = encoder.encode(renderTemplate(compiled.template, context, RESPONSE_TEMPLATES));
    }
    return {
      status: response.status,
      headers,
      ...(body === undefined ? {} : { body }),
      ...(response.delay === undefined ? {} : { delayMs: resolveDelay(response.delay, random) }),
      ...(response.fault === undefined ? {} : { fault: response.fault }),
    };
  };

  const requireScenario = (name: string): CompiledScenario => {
    const scenario = scenarios.get(name);
    if (scenario === undefined) {
      throw new GauntletError(
        'GAUNTLET_E_MOCK_SCENARIO_STATE',
        `Failed to set the state of scenario '${name}': because no scenario has that name. Use one of: ${[...scenarios.keys()].join(', ') || '(none loaded)'}.`,
      );
    }
    return scenario;
  };

  return {
    diagnostics,

    handle(request, session) {
      const methodIndex = byMethod.get(request.method) ?? anyMethod;
      const literal = methodIndex.literal.get(request.path);
      const dynamic = methodIndex.dynamic;
      if (literal === undefined && dynamic.length === 0) return undefined;
      const candidates =
        literal === undefined
          ? dynamic
          : dynamic.length === 0
            ? literal
            : mergeRanked(literal, dynamic);
      const view: RequestView = { request };
      // Looked up without creating: a request no stub answers leaves no session behind.
      let state: SessionState | undefined;
      let looked = false;
      for (const stub of candidates) {
        const params = stub.pattern.match(view);
        if (params === undefined) continue;
        if (stub.states !== undefined) {
          if (!looked) {
            state = sessionFor(session, false);
            looked = true;
          }
          const current = state?.states.get(stub.scenario.name) ?? stub.scenario.initialState;
          if (!stub.states.has(current)) continue;
        }
        const active = state ?? sessionFor(session, true)!;
        const calls = active.calls.get(stub.id) ?? 0;
        active.calls.set(stub.id, calls + 1);
        const count = stub.responses.length;
        const index = stub.cycle ? calls % count : Math.min(calls, count - 1);
        const current = active.states.get(stub.scenario.name) ?? stub.scenario.initialState;
        active.states.set(stub.scenario.name, stub.nextState ?? current);
        return render(stub.responses[index]!, request, params, randomFor(active, session, stub.id));
      }
      return undefined;
    },

    reset(session) {
      if (session === undefined) sessions.clear();
      else sessions.delete(session);
    },

    list(): ScenarioSummary[] {
      return [...scenarios.values()].map((scenario) => {
        const perSession: Record<string, string> = {};
        for (const [name, state] of sessions) {
          const current = state.states.get(scenario.name);
          if (current !== undefined) perSession[name] = current;
        }
        return {
          name: scenario.name,
          states: scenario.states,
          initialState: scenario.initialState,
          sessions: perSession,
          stubs: scenario.stubCount,
        };
      });
    },

    setState(name, state, session = DEFAULT_SESSION) {
      const scenario = requireScenario(name);
      if (!scenario.states.includes(state)) {
        throw new GauntletError(
          'GAUNTLET_E_MOCK_SCENARIO_STATE',
          `Failed to set the state of scenario '${name}': because it has no state '${state}'. Use one of: ${scenario.states.join(', ')}.`,
        );
      }
      sessionFor(session, true)!.states.set(name, state);
    },
  };
}
