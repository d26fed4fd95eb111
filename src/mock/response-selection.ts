/**
 * Response selection of one operation: which response (the default one, `Prefer: code=`, the
 * contract's own 401/422/400 for a refused request), which media type (content negotiation on
 * Accept) and which body (`Prefer: example=`, `dynamic=true`, else the first example or one
 * generated from the schema). Static answers are built once and cached.
 */
import { type Negotiated, negotiate } from '../http/media-type.js';
import { problemResponse } from '../http/problem.js';
import type { SchemaCompiler } from '../matching/json-schema.js';
import type { Diagnostic, HttpOperation } from '../model/index.js';
import { MOCK_CODES } from './codes.js';
import { type LazyValidator, lazyValidator } from './lazy-validator.js';
import { type Preferences, parsePrefer, preferencesFromQuery } from './prefer.js';
import { type EngineState, headerOf, type RequestInfo, type RequestParts } from './request-info.js';
import {
  type BuildContext,
  buildVariant,
  NO_SUCH_EXAMPLE,
  numericStatus,
  type ResponseRef,
  type Variant,
} from './responses.js';
import type { AfterResponse, MockResponse } from './types.js';

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

/** A problem answer instead of a contract response (unknown code or example, 406, none defined). */
export interface Refusal {
  refused: MockResponse;
}

/** One operation's responses, compiled once; variants built on first use. */
export class ResponseSelection {
  private readonly operation: HttpOperation;
  private readonly ctx: BuildContext;
  private readonly responses: CompiledResponse[];
  private readonly primary: CompiledResponse | undefined;
  private readonly warnedExamples = new Set<string>();
  private readonly byCode = new Map<string, CompiledResponse | undefined>();
  /** Error answers by code (`401`, `default:422`…), found once; undefined = none. */
  private readonly errorResponses = new Map<string, CompiledResponse | undefined>();

  constructor(
    operation: HttpOperation,
    ctx: BuildContext,
    compiler: SchemaCompiler,
    validateResponses: boolean,
  ) {
    this.operation = operation;
    this.ctx = ctx;
    this.responses = operation.responses.map((response) => ({
      ref: { response, status: numericStatus(response.status) },
      offered: response.contents.map((c) => c.mediaType),
      validators: response.contents.map((c) =>
        validateResponses ? lazyValidator(compiler, c.schema) : undefined,
      ),
      cache: new Map(),
      negotiations: new Map(),
    }));
    this.primary = pickDefault(this.responses);
    if (this.primary) this.primary.plainNegotiated = negotiate(this.primary.offered, undefined);
  }

  /** Builds the default answer now instead of on the first request. */
  warm(): void {
    this.plainVariant();
  }

  /** The primary response's answer to a request without Accept, built once. */
  private plainVariant(): Variant | typeof NO_SUCH_EXAMPLE | undefined {
    const primary = this.primary;
    if (!primary) return undefined;
    primary.plain ??= this.variant(primary, primary.plainNegotiated, undefined);
    return primary.plain;
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

  /**
   * The answer to an accepted request: the response `Prefer: code=` (or `__code`) asks for, else
   * the default one, negotiated against Accept, with the body `example=`/`dynamic=true` asks
   * for. A contract example that breaks its schema adds a warning to `after` (once per example).
   */
  select(
    info: RequestInfo,
    parts: RequestParts,
    state: EngineState,
    after: AfterResponse[],
  ): Variant | Refusal {
    // 3. Which response, which media type, which body.
    const headers = info.request.headers;
    const prefs = preferencesOf(info, parts);
    if (prefs?.invalid) {
      const message = `${prefs.invalid.join('; ')}.`;
      return refuse(
        'UNPROCESSABLE_ENTITY',
        `Failed to read the mock controls of the request to ${this.operation.id}: because ${message} Send code=<three digits> and dynamic=true or false.`,
        [
          {
            code: MOCK_CODES.preferInvalid,
            severity: 'error',
            message,
            path: headerOf(headers, 'prefer') === undefined ? '/query' : '/header/prefer',
          },
        ],
      );
    }
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
        return refuse(
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
      return refuse(
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
        return refuse(
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
    if (variant === NO_SUCH_EXAMPLE)
      return this.unknownExample(prefs?.example ?? '', negotiated?.contentType);
    if (variant.invalidExample && !this.warnedExamples.has(variant.invalidExample.key)) {
      this.warnedExamples.add(variant.invalidExample.key);
      after.push({
        kind: 'warning',
        code: MOCK_CODES.exampleInvalid,
        message: variant.invalidExample.message,
      });
    }
    return variant;
  }

  /** The contract's own 422 or 400 response (or `4XX`, or `default`), else a 422 problem. */
  invalid(diagnostics: Diagnostic[], info: RequestInfo, parts: RequestParts): MockResponse {
    const answered = this.contractError(['422', '400'], info, parts);
    if (answered) return 'refused' in answered ? answered.refused : answered;
    return problemResponse(
      'UNPROCESSABLE_ENTITY',
      `Failed to accept the request to ${this.operation.id}: because it breaks the contract in ${diagnostics.length} place(s). Fix the request, or run the mock with validateRequests 'warn' or 'off'.`,
      diagnostics,
    );
  }

  /**
   * A body the operation cannot take (its media type, or any body where none is specified): the
   * contract's own 415, 422 or 400 (or `4XX`, or `default` as 415), else the problem given.
   */
  unsupported(problem: MockResponse, info: RequestInfo, parts: RequestParts): MockResponse {
    const answered = this.contractError(['415', '422', '400'], info, parts);
    if (!answered) return problem;
    return 'refused' in answered ? answered.refused : answered;
  }

  unauthorized(
    message: string,
    challenges: string[],
    info: RequestInfo,
    parts: RequestParts,
  ): MockResponse {
    const extra: Array<[string, string]> =
      challenges.length > 0 ? [['WWW-Authenticate', challenges.join(', ')]] : [];
    const answered = this.contractError(['401'], info, parts);
    if (answered && 'refused' in answered) return answered.refused;
    if (answered) {
      const hasChallenge = answered.headers.some(([n]) => n.toLowerCase() === 'www-authenticate');
      return hasChallenge ? answered : { ...answered, headers: [...answered.headers, ...extra] };
    }
    return problemResponse(
      'UNAUTHORIZED',
      message,
      [{ code: MOCK_CODES.securityMissing, severity: 'error', message }],
      extra,
    );
  }

  /**
   * The contract's answer to a refused request, as Prism picks it: for each code in turn the
   * exact response or its range (`4XX`, answered with that code), then `default` answered with
   * the first code. Undefined when none fits (the caller answers a problem). As in Prism, a
   * `Prefer` code among `codes` lets its `example=` pick the body (a 404 problem when missing).
   */
  private contractError(
    codes: string[],
    info: RequestInfo,
    parts: RequestParts,
  ): MockResponse | Refusal | undefined {
    let found: CompiledResponse | undefined;
    for (const code of codes) {
      found = this.errorResponses.get(code);
      if (found === undefined && !this.errorResponses.has(code)) {
        found = findExactOrRange(this.responses, code);
        this.errorResponses.set(code, found);
      }
      if (found) break;
    }
    if (!found) {
      const key = `default:${codes[0]}`;
      found = this.errorResponses.get(key);
      if (found === undefined && !this.errorResponses.has(key)) {
        found = withStatus(
          this.responses.find((r) => r.ref.response.status === 'default'),
          codes[0]!,
        );
        this.errorResponses.set(key, found);
      }
    }
    if (!found) return undefined;
    const prefs = preferencesOf(info, parts);
    const example =
      prefs?.code !== undefined && codes.includes(prefs.code) ? prefs.example : undefined;
    return this.answerWith(found, info, example);
  }

  /** The 404 problem for `example=name` that the chosen response does not have. */
  private unknownExample(name: string, contentType: string | undefined): Refusal {
    return refuse(
      'NOT_FOUND',
      `${this.operation.id} has no example named "${name}" for ${contentType ?? 'its response'}.`,
      [
        {
          code: MOCK_CODES.preferUnknownExample,
          severity: 'error',
          message: `No example "${name}".`,
          path: '/header/prefer',
        },
      ],
    );
  }

  /** A contract response negotiated against Accept (undefined when Accept cannot be met). */
  private answerWith(
    response: CompiledResponse,
    info: RequestInfo,
    exampleName?: string,
  ): MockResponse | Refusal {
    let negotiated: Negotiated | undefined;
    if (response.offered.length > 0) {
      negotiated =
        negotiate(response.offered, headerOf(info.request.headers, 'accept')) ??
        negotiate(response.offered, undefined);
    }
    const variant = this.variant(response, negotiated, exampleName);
    if (variant === NO_SUCH_EXAMPLE)
      return this.unknownExample(exampleName ?? '', negotiated?.contentType);
    const out: MockResponse = { status: variant.status, headers: variant.headers };
    if (variant.body && !info.headOnly) out.body = variant.body;
    return out;
  }
}

/** A problem answer wrapped so that callers can tell it from a contract variant. */
function refuse(...args: Parameters<typeof problemResponse>): Refusal {
  return { refused: problemResponse(...args) };
}

/**
 * The response of a request that names no code, as Prism picks it: the lowest 2xx by its code as
 * written (`201` before `202` before `2XX`), then `default` (as 200), then the first response.
 */
function pickDefault(responses: CompiledResponse[]): CompiledResponse | undefined {
  const success = responses
    .filter((r) => /^2(\d\d|XX)$/i.test(r.ref.response.status))
    .sort((a, b) => compareCodes(a.ref.response.status, b.ref.response.status));
  return success[0] ?? responses.find((r) => r.ref.response.status === 'default') ?? responses[0];
}

function compareCodes(a: string, b: string): number {
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The response for `code` as written, else its `NXX` range answered with `code`. */
function findExactOrRange(
  responses: CompiledResponse[],
  code: string,
): CompiledResponse | undefined {
  const exact = responses.find((r) => r.ref.response.status === code);
  if (exact) return exact;
  return withStatus(
    responses.find((r) => r.ref.response.status.toUpperCase() === `${code[0]}XX`),
    code,
  );
}

/** A response for a given code: exact, then its `NXX` range, then `default` (with that code). */
function findByCode(responses: CompiledResponse[], code: string): CompiledResponse | undefined {
  return (
    findExactOrRange(responses, code) ??
    withStatus(
      responses.find((r) => r.ref.response.status === 'default'),
      code,
    )
  );
}

/** `response` answered with the status `code` (its own variants cache: the status differs). */
function withStatus(
  response: CompiledResponse | undefined,
  code: string,
): CompiledResponse | undefined {
  if (!response || !/^\d{3}$/.test(code)) return undefined;
  if (response.ref.status === Number(code) && /^\d{3}$/.test(response.ref.response.status))
    return response;
  return {
    ...response,
    ref: { ...response.ref, status: Number(code) },
    cache: new Map(),
    negotiations: new Map(),
  };
}

/** `Prefer`, or when no `Prefer` header is sent, the query's `__code`/`__example`/`__dynamic`. */
function preferencesOf(info: RequestInfo, parts: RequestParts): Preferences | undefined {
  const header = headerOf(info.request.headers, 'prefer');
  if (header !== undefined && header !== '') return parsePrefer(header);
  // The hot path: most requests have no `__` in their query and skip the parse.
  const query = info.request.query;
  if (query === '' || !query.includes('__')) return undefined;
  return preferencesFromQuery(parts.query());
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
