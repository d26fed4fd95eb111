/**
 * Request validation of one operation: credentials (security requirements), parameters (path,
 * query, header, cookie; deserialised by style, coerced, checked against their schemas) and the
 * body (media type, parse, schema). Validators compile lazily (see lazy-validator.ts).
 */
import { essence } from '../http/media-type.js';
import { problemResponse } from '../http/problem.js';
import type { SchemaCompiler } from '../matching/json-schema.js';
import type {
  Diagnostic,
  HttpOperation,
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
import { MOCK_CODES } from './codes.js';
import { deserializePath, deserializeQuery, deserializeSimple } from './deserialize.js';
import { compileFormEncoding, type FormEncoding } from './form-encoding.js';
import { type LazyValidator, lazyValidator } from './lazy-validator.js';
import { parseBody } from './request-body.js';
import {
  headerOf,
  type RequestInfo,
  type RequestParts,
  type ValidationMode,
} from './request-info.js';
import { type CredentialSource, checkSecurity } from './security.js';
import type { AfterResponse, MockRequest, MockResponse } from './types.js';

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
  /** Form bodies: what their `encoding` says (undefined when it changes nothing). */
  encoding: FormEncoding | undefined;
}

/**
 * What validation decided. `accepted` carries the parsed body (for callbacks); the others stop
 * the request (with mode `warn` they are turned into warnings and the request goes on).
 */
export type RequestVerdict =
  | { kind: 'accepted'; body: unknown }
  /** Credentials missing: the operation answers 401 (its own, or a problem). */
  | { kind: 'unauthorized'; message: string; challenges: string[] }
  /** Parameters or body break their schemas: the operation answers 422/400 (its own, or a problem). */
  | { kind: 'invalid'; diagnostics: Diagnostic[] }
  /**
   * A body the operation does not take (its media type, or a body where none is specified): the
   * operation answers 415 (its own 415/422/400, or the problem carried here).
   */
  | { kind: 'unsupported'; response: MockResponse }
  /** The body cannot be read at all (400): a problem response. */
  | { kind: 'refused'; response: MockResponse };

type BodyOutcome =
  | { kind: 'value'; value: unknown }
  | { kind: 'response'; response: MockResponse; message: string; unsupported: boolean };

/** The outcome for operations without a request body (shared: the hot path allocates less). */
const NO_BODY = { kind: 'value', value: undefined } as const;

/** Accepted without a body value (shared: the hot path allocates less). */
const ACCEPTED_EMPTY: RequestVerdict = { kind: 'accepted', body: undefined };

function defaultStyle(parameter: Parameter): ParameterStyle {
  return parameter.in === 'path' || parameter.in === 'header' ? 'simple' : 'form';
}

/** One operation's request checks, compiled once. */
export class RequestValidation {
  private readonly operation: HttpOperation;
  private readonly service: Service;
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

  constructor(service: Service, operation: HttpOperation, compiler: SchemaCompiler) {
    this.operation = operation;
    this.service = service;
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
            encoding: compileFormEncoding(c, service.schemas),
          })),
        }
      : undefined;
  }

  /** Compiles the request validators now instead of on the first request. */
  warm(): void {
    for (const list of [this.params.path, this.params.query, this.params.header])
      for (const p of list) p.validate?.warm();
    for (const p of this.params.cookie) p.validate?.warm();
    for (const content of this.body?.contents ?? []) content.validate?.warm();
  }

  /**
   * Checks credentials first (a missing one stops before anything else is looked at), then
   * parameters and body. With mode `warn` every failure becomes a warning in `after` and the
   * request is accepted.
   */
  validate(
    info: RequestInfo,
    parts: RequestParts,
    mode: Exclude<ValidationMode, 'off'>,
    after: AfterResponse[],
  ): RequestVerdict {
    const { request } = info;
    const headers = request.headers;
    // 1. Credentials: a missing one answers 401 before anything else is looked at.
    if (this.security.length > 0) {
      const source: CredentialSource = {
        header: (name) => headerOf(headers, name),
        query: (name) =>
          this.needsQuery ? parts.query().find(([k]) => k === name)?.[1] : undefined,
        cookie: (name) =>
          this.needsCookies ? parts.cookies().find(([k]) => k === name)?.[1] : undefined,
      };
      const failure = checkSecurity(this.security, this.service.securitySchemes, source);
      if (failure) {
        const message = `Failed to authorise ${this.operation.id}: because ${failure.reasons.join('; or ')}. Send the credentials the contract asks for.`;
        if (mode === 'warn')
          after.push({ kind: 'warning', code: MOCK_CODES.securityMissing, message });
        else return { kind: 'unauthorized', message, challenges: failure.challenges };
      }
    }
    // 2. Parameters and body.
    const diagnostics: Diagnostic[] = [];
    this.validateParameters(info, parts, diagnostics);
    let body: unknown;
    const bodyOutcome = this.validateBody(request, diagnostics);
    if (bodyOutcome.kind === 'response') {
      if (mode === 'on')
        return {
          kind: bodyOutcome.unsupported ? 'unsupported' : 'refused',
          response: bodyOutcome.response,
        };
      after.push({
        kind: 'warning',
        code: MOCK_CODES.requestInvalid,
        message: bodyOutcome.message,
      });
    } else body = bodyOutcome.value;
    if (diagnostics.length > 0) {
      if (mode === 'on') return { kind: 'invalid', diagnostics };
      after.push({
        kind: 'warning',
        code: MOCK_CODES.requestInvalid,
        message: `The request to ${this.operation.id} is invalid: ${diagnostics.map((d) => `${d.path ?? ''} ${d.message}`).join('; ')}.`,
      });
    }
    return body === undefined ? ACCEPTED_EMPTY : { kind: 'accepted', body };
  }

  private validateParameters(
    info: RequestInfo,
    parts: RequestParts,
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
      const pairs = parts.query();
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
        if (raw === '') {
          // `?q=`: allowed as it is where allowEmptyValue says so (OpenAPI); otherwise no value
          // at all, as Prism reads it (missing when required, ignored when optional).
          if (p.parameter.allowEmptyValue) continue;
          raw = undefined;
        }
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
      const pairs = parts.cookies();
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

  private validateBody(request: MockRequest, diagnostics: Diagnostic[]): BodyOutcome {
    const spec = this.body;
    const bytes = request.body;
    if (!spec) {
      // As Prism: a body sent to an operation that specifies none is a 415.
      if (!bytes || bytes.length === 0) return NO_BODY;
      return this.unsupportedBody(
        `${this.operation.id} takes no request body, but the request has ${bytes.length} byte(s)`,
        'Send the request without a body',
      );
    }
    if (spec.contents.length === 0) return NO_BODY;
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
      return this.unsupportedBody(
        `${this.operation.id} accepts ${spec.contents.map((c) => c.essence).join(', ')}, not ${given}`,
        'Send one of those Content-Types',
      );
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
        unsupported: false,
      };
    }
    const structured =
      given === 'application/x-www-form-urlencoded' || given.startsWith('multipart/');
    let fields = parsed.value;
    if (structured && content.encoding) {
      if (given === 'application/x-www-form-urlencoded')
        content.encoding.reserved(bytes, diagnostics);
      fields = content.encoding.apply(fields as Record<string, unknown>);
    }
    const value = structured ? content.coerce(fields) : fields;
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

  /** A 415: the operation does not take this body (`why` is a clause, `fix` what to do). */
  private unsupportedBody(why: string, fix: string): BodyOutcome {
    const message = `${why}.`;
    return {
      kind: 'response',
      message,
      unsupported: true,
      response: problemResponse('UNSUPPORTED_MEDIA_TYPE', `${message} ${fix}.`, [
        {
          code: MOCK_CODES.contentTypeUnsupported,
          severity: 'error',
          message,
          path: '/header/content-type',
        },
      ]),
    };
  }
}
