import { essence, type Negotiated, negotiate } from '../http/media-type.js';
import { problemResponse } from '../http/problem.js';
import type { SchemaCompiler, SchemaIssue } from '../matching/json-schema.js';
import type {
  Diagnostic,
  HttpOperation,
  JsonSchema,
  Parameter,
  ParameterStyle,
  SecurityRequirement,
  Service,
} from '../model/index.js';
import {
  type Coercer,
  coercerFor,
  propertyNames,
  type Shape,
  schemaShape,
} from '../schema/coerce.js';
import { fakeValue } from '../schema/fake.js';
import { hashString, seededRandom } from '../util/random.js';
import { MOCK_CODES } from './codes.js';
import type { DeferredWork } from './deferred-work.js';
import {
  deserializePath,
  deserializeQuery,
  deserializeSimple,
  parseCookies,
  parseQuery,
  safeDecode,
} from './deserialize.js';
import { parsePrefer } from './prefer.js';
import { parseBody } from './request-body.js';
import {
  type BuildContext,
  buildVariant,
  encodeBody,
  headerValue,
  NO_SUCH_EXAMPLE,
  numericStatus,
  type ResponseRef,
  type Variant,
} from './responses.js';
import { type ExpressionContext, expandTemplate } from './runtime-expression.js';
import { type CredentialSource, checkSecurity } from './security.js';
import type { AfterResponse, HeaderMap, MockRequest, MockResponse } from './types.js';

export type ValidationMode = 'on' | 'warn' | 'off';

type Validator = (value: unknown) => SchemaIssue[];

/** A validator compiled on its first call, or earlier by `warm()` (engine warm-up). */
interface LazyValidator extends Validator {
  warm(): void;
}

interface CompiledParameter {
  parameter: Parameter;
  style: ParameterStyle;
  explode: boolean;
  shape: Shape;
  properties: string[];
  /** Turns the strings read from the request into the schema's types (`"5"` → 5). */
  coerce: Coercer;
  /** The `content` form of a parameter carries JSON text. */
  json: boolean;
  validate: LazyValidator | undefined;
}

interface CompiledBodyContent {
  essence: string;
  coerce: Coercer;
  validate: LazyValidator | undefined;
}

interface CompiledResponse {
  ref: ResponseRef;
  offered: string[];
  validators: Array<LazyValidator | undefined>;
  /** Static variants by `contentIndex|contentType|example`, built on first use. */
  cache: Map<string, Variant | typeof NO_SUCH_EXAMPLE>;
  /** Accept header value → negotiation outcome (bounded; null = nothing fits). */
  negotiations: Map<string, Negotiated | null>;
  /** The answer to a request without Accept (default response; built on first use or warm-up). */
  plain?: Variant | typeof NO_SUCH_EXAMPLE;
  plainNegotiated?: Negotiated;
}

interface CompiledCallback {
  name: string;
  expression: string;
  method: string;
  headers: Array<[string, string]>;
  body?: Uint8Array;
}

/** What the engine knows about the request beyond the operation. */
export interface RequestInfo {
  request: MockRequest;
  pathParams: Record<string, string>;
  /** Absolute request URL (for `$url`), built only when a callback needs it. */
  url: () => string;
  /** HEAD served by a GET operation: same headers, no body. */
  headOnly: boolean;
}

export interface EngineState {
  mode: ValidationMode;
  /** Per-request randomness for `Prefer: dynamic=true`, seeded once per engine. */
  random: () => number;
}

export function headerOf(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(', ') : value;
}

function defaultStyle(parameter: Parameter): ParameterStyle {
  return parameter.in === 'path' || parameter.in === 'header' ? 'simple' : 'form';
}

const NO_ISSUES = (): SchemaIssue[] => [];

/** The outcome for operations without a request body (shared: the hot path allocates less). */
const NO_BODY = { kind: 'value', value: undefined } as const;

/**
 * A validator for `schema`, compiled by ajv the first time it is called or warmed, not now:
 * compiling every operation up front is what made big contracts slow to start.
 */
function lazyValidator(
  compiler: SchemaCompiler,
  schema: JsonSchema | undefined,
): LazyValidator | undefined {
  if (schema === undefined) return undefined;
  let compiled: Validator | undefined;
  const ensure = (): Validator => {
    if (compiled !== undefined) return compiled;
    try {
      const validate = compiler.compile(schema);
      // A schema ajv cannot compile (the loader reported it) is not checked: its `schema` issue
      // would otherwise reject every request.
      compiled = (value) => {
        const issues = validate(value);
        return issues.length === 0 ? issues : issues.filter((i) => i.keyword !== 'schema');
      };
    } catch {
      compiled = NO_ISSUES;
    }
    return compiled;
  };
  const check = ((value: unknown) => (compiled ?? ensure())(value)) as LazyValidator;
  check.warm = () => {
    ensure();
  };
  return check;
}

/** Lowest 2xx, then `2XX`, then `default`, then the first response listed. */
function pickDefault(responses: CompiledResponse[]): CompiledResponse | undefined {
  const success = responses
    .filter((r) => /^2(\d\d|XX)$/i.test(r.ref.response.status))
    .sort((a, b) => a.ref.status - b.ref.status || (/X/i.test(a.ref.response.status) ? 1 : -1));
  return success[0] ?? responses.find((r) => r.ref.response.status === 'default') ?? responses[0];
}

/** A response for a given code: exact, then its `NXX` range, then `default` (with that code). */
function findByCode(responses: CompiledResponse[], code: string): CompiledResponse | undefined {
  const exact = responses.find((r) => r.ref.response.status === code);
  if (exact) return exact;
  const range = responses.find((r) => r.ref.response.status.toUpperCase() === `${code[0]}XX`);
  const fallback = range ?? responses.find((r) => r.ref.response.status === 'default');
  if (!fallback || !/^\d{3}$/.test(code)) return undefined;
  return {
    ...fallback,
    ref: { ...fallback.ref, status: Number(code) },
    cache: new Map(),
    negotiations: new Map(),
  };
}

/** One operation, compiled: validators, response variants, callbacks. */
export class CompiledOperation {
  readonly operation: HttpOperation;
  private readonly service: Service;
  private readonly ctx: BuildContext;
  private readonly params: {
    path: CompiledParameter[];
    query: CompiledParameter[];
    header: CompiledParameter[];
    cookie: CompiledParameter[];
  };
  private readonly queryNames: Set<string>;
  private readonly needsQuery: boolean;
  private readonly needsCookies: boolean;
  private readonly body: { required: boolean; contents: CompiledBodyContent[] } | undefined;
  private readonly security: SecurityRequirement[];
  private readonly responses: CompiledResponse[];
  private readonly primary: CompiledResponse | undefined;
  /** Built on first use (or warm-up): they may need generated bodies. */
  private callbacks: CompiledCallback[] | undefined;
  private readonly hasCallbacks: boolean;
  private readonly warnedExamples = new Set<string>();
  private readonly byCode = new Map<string, CompiledResponse | undefined>();

  constructor(
    service: Service,
    operation: HttpOperation,
    compiler: SchemaCompiler,
    options: {
      seed: number;
      validateResponses: boolean;
      /** Whether requests are checked at all; 'off' never compiles a request validator. */
      validateRequests?: ValidationMode;
      /** Where to queue the compile work put off until after the server listens. */
      deferred?: DeferredWork;
    },
  ) {
    this.operation = operation;
    this.service = service;
    this.ctx = {
      operation,
      schemas: service.schemas,
      compiler,
      validateExamples: options.validateResponses,
      seed: options.seed,
    };
    this.params = { path: [], query: [], header: [], cookie: [] };
    for (const parameter of operation.parameters) {
      const content = parameter.content?.[0];
      const schema = parameter.schema ?? content?.schema;
      const style = parameter.style ?? defaultStyle(parameter);
      this.params[parameter.in].push({
        parameter,
        style,
        explode: parameter.explode ?? style === 'form',
        shape: content ? 'primitive' : schemaShape(schema, service.schemas),
        properties: propertyNames(schema, service.schemas),
        coerce: coercerFor(schema, service.schemas),
        json: content !== undefined && /json/i.test(content.mediaType),
        validate: lazyValidator(compiler, schema),
      });
    }
    this.queryNames = new Set(this.params.query.map((p) => p.parameter.name));
    this.security = operation.security ?? service.security;
    const schemes = this.security
      .flatMap((r) => Object.keys(r))
      .map((n) => service.securitySchemes[n]);
    this.needsQuery =
      this.params.query.length > 0 || schemes.some((s) => s?.type === 'apiKey' && s.in === 'query');
    this.needsCookies =
      this.params.cookie.length > 0 ||
      schemes.some((s) => s?.type === 'apiKey' && s.in === 'cookie');
    this.body = operation.requestBody
      ? {
          required: operation.requestBody.required,
          contents: operation.requestBody.contents.map((c) => ({
            essence: essence(c.mediaType),
            coerce: coercerFor(c.schema, service.schemas),
            validate: lazyValidator(compiler, c.schema),
          })),
        }
      : undefined;
    this.responses = operation.responses.map((response) => ({
      ref: { response, status: numericStatus(response.status) },
      offered: response.contents.map((c) => c.mediaType),
      validators: response.contents.map((c) =>
        options.validateResponses ? lazyValidator(compiler, c.schema) : undefined,
      ),
      cache: new Map(),
      negotiations: new Map(),
    }));
    this.primary = pickDefault(this.responses);
    if (this.primary) this.primary.plainNegotiated = negotiate(this.primary.offered, undefined);
    this.hasCallbacks = operation.callbacks.some((c) => c.operations.length > 0);
    const deferred = options.deferred;
    if (deferred) {
      if ((options.validateRequests ?? 'on') !== 'off') deferred.add(() => this.warmRequest());
      deferred.add(() => this.warmAnswer());
    }
  }

  /** Compiles the request validators now instead of on the first request. */
  warmRequest(): void {
    for (const list of [this.params.path, this.params.query, this.params.header])
      for (const p of list) p.validate?.warm();
    for (const p of this.params.cookie) p.validate?.warm();
    for (const content of this.body?.contents ?? []) content.validate?.warm();
  }

  /** Builds the default answer (and callbacks) now instead of on the first request. */
  warmAnswer(): void {
    this.plainVariant();
    if (this.hasCallbacks) this.callbacks ??= this.compileCallbacks();
  }

  /** The primary response's answer to a request without Accept, built once. */
  private plainVariant(): Variant | typeof NO_SUCH_EXAMPLE | undefined {
    const primary = this.primary;
    if (!primary) return undefined;
    primary.plain ??= this.variant(primary, primary.plainNegotiated, undefined);
    return primary.plain;
  }

  private compileCallbacks(): CompiledCallback[] {
    const out: CompiledCallback[] = [];
    for (const callback of this.operation.callbacks) {
      for (const op of callback.operations) {
        const headers: Array<[string, string]> = [];
        let body: Uint8Array | undefined;
        const content = op.requestBody?.contents[0];
        if (content) {
          const type = content.mediaType.includes('*') ? 'application/json' : content.mediaType;
          headers.push(['Content-Type', type]);
          const example = content.examples.find((e) => e.value !== undefined);
          let value = example?.value;
          if (value === undefined && content.schema !== undefined) {
            try {
              value = fakeValue(
                content.schema,
                this.service.schemas,
                seededRandom(hashString(`${this.ctx.seed}|${this.operation.id}|${callback.name}`)),
              );
            } catch {
              value = undefined;
            }
          }
          if (value !== undefined) body = encodeBody(value, essence(type));
        }
        for (const parameter of op.parameters) {
          if (parameter.in !== 'header' || !parameter.required) continue;
          const example = parameter.examples.find((e) => e.value !== undefined);
          if (example) headers.push([parameter.name, headerValue(example.value)]);
        }
        out.push({
          name: callback.name,
          expression: callback.expression,
          method: op.method,
          headers,
          ...(body ? { body } : {}),
        });
      }
    }
    return out;
  }

  private variant(
    response: CompiledResponse,
    negotiated: Negotiated | undefined,
    exampleName: string | undefined,
  ): Variant | typeof NO_SUCH_EXAMPLE {
    const key = `${negotiated?.index ?? -1}|${negotiated?.contentType ?? ''}|${exampleName ?? ''}`;
    let found = response.cache.get(key);
    if (found === undefined) {
      found = buildVariant(
        {
          ref: response.ref,
          contentIndex: negotiated?.index,
          contentType: negotiated?.contentType,
          ...(exampleName !== undefined ? { exampleName } : {}),
          ...(negotiated ? { validate: response.validators[negotiated.index] } : {}),
        },
        this.ctx,
      );
      response.cache.set(key, found);
    }
    return found;
  }

  /** Answers one routed request. */
  handle(info: RequestInfo, state: EngineState): MockResponse {
    const { request } = info;
    const headers = request.headers;
    let queryPairs: Array<[string, string]> | undefined;
    let cookiePairs: Array<[string, string]> | undefined;
    const query = (): Array<[string, string]> => {
      queryPairs ??= parseQuery(request.query);
      return queryPairs;
    };
    const cookies = (): Array<[string, string]> => {
      cookiePairs ??= parseCookies(headerOf(headers, 'cookie') ?? '');
      return cookiePairs;
    };
    const after: AfterResponse[] = [];
    let requestBodyValue: unknown;

    if (state.mode !== 'off') {
      // 1. Credentials: a missing one answers 401 before anything else is looked at.
      if (this.security.length > 0) {
        const source: CredentialSource = {
          header: (name) => headerOf(headers, name),
          query: (name) => (this.needsQuery ? query().find(([k]) => k === name)?.[1] : undefined),
          cookie: (name) =>
            this.needsCookies ? cookies().find(([k]) => k === name)?.[1] : undefined,
        };
        const failure = checkSecurity(this.security, this.service.securitySchemes, source);
        if (failure) {
          const message = `Failed to authorise ${this.operation.id}: because ${failure.reasons.join('; or ')}. Send the credentials the contract asks for.`;
          if (state.mode === 'warn')
            after.push({ kind: 'warning', code: MOCK_CODES.securityMissing, message });
          else return this.unauthorized(message, failure.challenges, info);
        }
      }
      // 2. Parameters and body.
      const diagnostics: Diagnostic[] = [];
      this.validateParameters(info, query, cookies, diagnostics);
      const bodyOutcome = this.validateBody(request, diagnostics);
      if (bodyOutcome.kind === 'response') {
        if (state.mode === 'on') return bodyOutcome.response;
        after.push({
          kind: 'warning',
          code: MOCK_CODES.requestInvalid,
          message: bodyOutcome.message,
        });
      } else requestBodyValue = bodyOutcome.value;
      if (diagnostics.length > 0) {
        if (state.mode === 'on') return this.invalid(diagnostics, info);
        after.push({
          kind: 'warning',
          code: MOCK_CODES.requestInvalid,
          message: `The request to ${this.operation.id} is invalid: ${diagnostics.map((d) => `${d.path ?? ''} ${d.message}`).join('; ')}.`,
        });
      }
    }

    // 3. Which response, which media type, which body.
    const prefs = parsePrefer(headerOf(headers, 'prefer'));
    let selected = this.primary;
    if (prefs?.code !== undefined) {
      if (!this.byCode.has(prefs.code)) {
        // Remembered (also when absent) so a `default` answer is not rebuilt per request.
        if (this.byCode.size < 64)
          this.byCode.set(prefs.code, findByCode(this.responses, prefs.code));
      }
      selected = this.byCode.has(prefs.code)
        ? this.byCode.get(prefs.code)
        : findByCode(this.responses, prefs.code);
      if (!selected) {
        return problemResponse(
          'NOT_FOUND',
          `The contract defines no ${prefs.code} response for ${this.operation.id}; Prefer asked for code=${prefs.code}.`,
          [
            {
              code: MOCK_CODES.preferUnknownCode,
              severity: 'error',
              message: `No response ${prefs.code} for ${this.operation.id}.`,
              path: '/header/prefer',
            },
          ],
        );
      }
    }
    if (!selected) {
      return problemResponse(
        'NO_RESPONSE_DEFINED',
        `The contract defines no response for ${this.operation.id}. Add one to the contract.`,
        [
          {
            code: MOCK_CODES.noResponse,
            severity: 'error',
            message: `No responses for ${this.operation.id}.`,
          },
        ],
      );
    }
    const accept = headerOf(headers, 'accept');
    let negotiated: Negotiated | undefined;
    if (selected.offered.length > 0) {
      negotiated =
        accept === undefined && selected === this.primary
          ? selected.plainNegotiated
          : cachedNegotiation(selected, accept);
      if (!negotiated) {
        return problemResponse(
          'NOT_ACCEPTABLE',
          `${this.operation.id} answers ${selected.offered.join(', ')}, none of which fits Accept: ${accept ?? ''}.`,
          [
            {
              code: MOCK_CODES.notAcceptable,
              severity: 'error',
              message: `Accept ${accept ?? ''} matches none of ${selected.offered.join(', ')}.`,
              path: '/header/accept',
            },
          ],
        );
      }
    }
    let variant: Variant | typeof NO_SUCH_EXAMPLE;
    if (prefs?.dynamic) {
      variant = buildVariant(
        {
          ref: selected.ref,
          contentIndex: negotiated?.index,
          contentType: negotiated?.contentType,
          dynamic: true,
          random: state.random,
          ...(negotiated ? { validate: selected.validators[negotiated.index] } : {}),
        },
        this.ctx,
      );
    } else if (
      prefs?.example === undefined &&
      selected === this.primary &&
      sameNegotiation(negotiated, selected.plainNegotiated)
    ) {
      // `Accept: */*` and friends land here too: no key string, no map lookup per request.
      variant = selected.plain ?? this.plainVariant()!;
    } else {
      variant = this.variant(selected, negotiated, prefs?.example);
    }
    if (variant === NO_SUCH_EXAMPLE) {
      return problemResponse(
        'NOT_FOUND',
        `${this.operation.id} has no example named "${prefs?.example ?? ''}" for ${negotiated?.contentType ?? 'its response'}.`,
        [
          {
            code: MOCK_CODES.preferUnknownExample,
            severity: 'error',
            message: `No example "${prefs?.example ?? ''}".`,
            path: '/header/prefer',
          },
        ],
      );
    }
    if (variant.invalidExample && !this.warnedExamples.has(variant.invalidExample.key)) {
      this.warnedExamples.add(variant.invalidExample.key);
      after.push({
        kind: 'warning',
        code: MOCK_CODES.exampleInvalid,
        message: variant.invalidExample.message,
      });
    }
    if (this.hasCallbacks && variant.status < 400) {
      this.resolveCallbacks(info, variant, requestBodyValue, query, after);
    }
    const response: MockResponse = { status: variant.status, headers: variant.headers };
    if (variant.body && !info.headOnly) response.body = variant.body;
    if (after.length > 0) response.after = after;
    return response;
  }

  private validateParameters(
    info: RequestInfo,
    query: () => Array<[string, string]>,
    cookies: () => Array<[string, string]>,
    diagnostics: Diagnostic[],
  ): void {
    const check = (p: CompiledParameter, raw: unknown, location: string): void => {
      const pointer = `/${location}/${p.parameter.name}`;
      if (raw === undefined) {
        if (p.parameter.required) {
          diagnostics.push({
            code: MOCK_CODES.paramMissing,
            severity: 'error',
            message: `The required ${location} parameter "${p.parameter.name}" is missing.`,
            path: pointer,
          });
        }
        return;
      }
      let value: unknown = raw;
      if (p.json && typeof raw === 'string') {
        try {
          value = JSON.parse(raw);
        } catch {
          diagnostics.push({
            code: MOCK_CODES.paramInvalid,
            severity: 'error',
            message: `The ${location} parameter "${p.parameter.name}" is not valid JSON.`,
            path: pointer,
          });
          return;
        }
      } else value = p.coerce(raw);
      if (!p.validate) return;
      for (const issue of p.validate(value)) {
        diagnostics.push({
          code: MOCK_CODES.paramInvalid,
          severity: 'error',
          message: issue.message,
          path: pointer + issue.path,
        });
      }
    };
    for (const p of this.params.path) {
      const raw = info.pathParams[p.parameter.name];
      check(
        p,
        raw === undefined
          ? undefined
          : deserializePath(p.parameter.name, raw, p.style, p.explode, p.shape),
        'path',
      );
    }
    if (this.params.query.length > 0) {
      const pairs = query();
      for (const p of this.params.query) {
        const others = this.queryNames;
        let raw = deserializeQuery(
          p.parameter.name,
          pairs,
          p.style,
          p.explode,
          p.shape,
          p.properties,
          others,
        );
        if (raw === '' && p.parameter.allowEmptyValue) raw = undefined;
        check(p, raw, 'query');
      }
    }
    for (const p of this.params.header) {
      const raw = headerOf(info.request.headers, p.parameter.name.toLowerCase());
      check(
        p,
        raw === undefined ? undefined : deserializeSimple(raw, p.explode, p.shape),
        'header',
      );
    }
    if (this.params.cookie.length > 0) {
      const pairs = cookies();
      for (const p of this.params.cookie) {
        const raw = pairs.find(([k]) => k === p.parameter.name)?.[1];
        check(
          p,
          raw === undefined ? undefined : deserializeSimple(raw, p.explode, p.shape),
          'cookie',
        );
      }
    }
  }

  private validateBody(
    request: MockRequest,
    diagnostics: Diagnostic[],
  ):
    | { kind: 'value'; value: unknown }
    | { kind: 'response'; response: MockResponse; message: string } {
    const spec = this.body;
    const bytes = request.body;
    if (!spec || spec.contents.length === 0) return NO_BODY;
    if (!bytes || bytes.length === 0) {
      if (spec.required) {
        diagnostics.push({
          code: MOCK_CODES.bodyMissing,
          severity: 'error',
          message: `${this.operation.id} requires a request body.`,
          path: '/body',
        });
      }
      return { kind: 'value', value: undefined };
    }
    const contentType = headerOf(request.headers, 'content-type') ?? spec.contents[0]!.essence;
    const given = essence(contentType);
    const content =
      spec.contents.find((c) => c.essence === given) ??
      spec.contents.find(
        (c) =>
          c.essence.endsWith('/*') &&
          (c.essence === '*/*' || given.startsWith(c.essence.slice(0, -1))),
      );
    if (!content) {
      const message = `${this.operation.id} accepts ${spec.contents.map((c) => c.essence).join(', ')}, not ${given}.`;
      return {
        kind: 'response',
        message,
        response: problemResponse(
          'UNSUPPORTED_MEDIA_TYPE',
          `${message} Send one of those Content-Types.`,
          [
            {
              code: MOCK_CODES.contentTypeUnsupported,
              severity: 'error',
              message,
              path: '/header/content-type',
            },
          ],
        ),
      };
    }
    const parsed = parseBody(bytes, contentType);
    if (!parsed.ok) {
      const message = `The ${given} body of the request to ${this.operation.id} cannot be parsed: ${parsed.reason}.`;
      return {
        kind: 'response',
        message,
        response: problemResponse('BAD_REQUEST', `${message} Send a well-formed body.`, [
          { code: MOCK_CODES.bodyMalformed, severity: 'error', message, path: '/body' },
        ]),
      };
    }
    const structured =
      given === 'application/x-www-form-urlencoded' || given.startsWith('multipart/');
    const value = structured ? content.coerce(parsed.value) : parsed.value;
    if (content.validate) {
      for (const issue of content.validate(value)) {
        diagnostics.push({
          code: MOCK_CODES.bodyInvalid,
          severity: 'error',
          message: issue.message,
          path: `/body${issue.path}`,
        });
      }
    }
    return { kind: 'value', value };
  }

  /** The contract's own 422 or 400 response, else a 422 problem (Prism's order). */
  private invalid(diagnostics: Diagnostic[], info: RequestInfo): MockResponse {
    const own = findExact(this.responses, '422') ?? findExact(this.responses, '400');
    if (own) {
      const answered = this.answerWith(own, info);
      if (answered) return answered;
    }
    return problemResponse(
      'UNPROCESSABLE_ENTITY',
      `Failed to accept the request to ${this.operation.id}: because it breaks the contract in ${diagnostics.length} place(s). Fix the request, or run the mock with validateRequests 'warn' or 'off'.`,
      diagnostics,
    );
  }

  private unauthorized(message: string, challenges: string[], info: RequestInfo): MockResponse {
    const own = findExact(this.responses, '401');
    const extra: Array<[string, string]> =
      challenges.length > 0 ? [['WWW-Authenticate', challenges.join(', ')]] : [];
    if (own) {
      const answered = this.answerWith(own, info);
      if (answered) {
        const hasChallenge = answered.headers.some(([n]) => n.toLowerCase() === 'www-authenticate');
        return hasChallenge ? answered : { ...answered, headers: [...answered.headers, ...extra] };
      }
    }
    return problemResponse(
      'UNAUTHORIZED',
      message,
      [{ code: MOCK_CODES.securityMissing, severity: 'error', message }],
      extra,
    );
  }

  /** A contract response negotiated against Accept (undefined when Accept cannot be met). */
  private answerWith(response: CompiledResponse, info: RequestInfo): MockResponse | undefined {
    let negotiated: Negotiated | undefined;
    if (response.offered.length > 0) {
      negotiated =
        negotiate(response.offered, headerOf(info.request.headers, 'accept')) ??
        negotiate(response.offered, undefined);
    }
    const variant = this.variant(response, negotiated, undefined);
    if (variant === NO_SUCH_EXAMPLE) return undefined;
    const out: MockResponse = { status: variant.status, headers: variant.headers };
    if (variant.body && !info.headOnly) out.body = variant.body;
    return out;
  }

  private resolveCallbacks(
    info: RequestInfo,
    variant: Variant,
    requestBodyValue: unknown,
    query: () => Array<[string, string]>,
    after: AfterResponse[],
  ): void {
    const request = info.request;
    let parsedBody: unknown = requestBodyValue;
    let bodyParsed = requestBodyValue !== undefined;
    const context: ExpressionContext = {
      url: info.url(),
      method: request.method,
      statusCode: variant.status,
      requestHeader: (name) => headerOf(request.headers, name),
      requestQuery: (name) => query().find(([k]) => k === name)?.[1],
      requestPath: (name) => {
        const raw = info.pathParams[name];
        return raw === undefined ? undefined : safeDecode(raw);
      },
      requestBody: () => {
        if (!bodyParsed && request.body && request.body.length > 0) {
          bodyParsed = true;
          const parsed = parseBody(
            request.body,
            headerOf(request.headers, 'content-type') ?? 'application/json',
          );
          parsedBody = parsed.ok ? parsed.value : undefined;
        }
        return parsedBody;
      },
      responseHeader: (name) => variant.headers.find(([n]) => n.toLowerCase() === name)?.[1],
      responseBody: () => variant.value,
    };
    this.callbacks ??= this.compileCallbacks();
    for (const callback of this.callbacks) {
      const url = expandTemplate(callback.expression, context);
      if (!url.ok) {
        after.push({
          kind: 'warning',
          code: MOCK_CODES.callbackUnresolved,
          message: `Failed to resolve the callback "${callback.name}" of ${this.operation.id}: because ${url.reason}. Send the value the expression ${callback.expression} reads.`,
        });
        continue;
      }
      after.push({
        kind: 'callback',
        name: callback.name,
        method: callback.method,
        url: url.value,
        headers: callback.headers,
        ...(callback.body ? { body: callback.body } : {}),
      });
    }
  }
}

const NEGOTIATION_CACHE_SIZE = 64;

/** Clients send few distinct Accept headers: remember the outcome for each. */
function cachedNegotiation(
  response: CompiledResponse,
  accept: string | undefined,
): Negotiated | undefined {
  const key = accept ?? '';
  const known = response.negotiations.get(key);
  if (known !== undefined) return known ?? undefined;
  const outcome = negotiate(response.offered, accept);
  if (response.negotiations.size < NEGOTIATION_CACHE_SIZE)
    response.negotiations.set(key, outcome ?? null);
  return outcome;
}

function sameNegotiation(a: Negotiated | undefined, b: Negotiated | undefined): boolean {
  if (a === b) return true;
  return (
    a !== undefined && b !== undefined && a.index === b.index && a.contentType === b.contentType
  );
}

function findExact(responses: CompiledResponse[], code: string): CompiledResponse | undefined {
  return responses.find((r) => r.ref.response.status === code);
}
