import type { SourceLocation } from './diagnostic.js';

/**
 * Pact interactions, normalised to the V4 shape whatever the file's version:
 * - query and headers are maps of string arrays (V1/V2 query strings are parsed; V3 header
 *   strings become one-element arrays — matching splits comma lists itself);
 * - matching rules are grouped by category with V3 paths (`$.a.b`), V2 flat `$.body.a` rules are
 *   regrouped; `path` and `status` rules live under the key `$`;
 * - bodies are `{content, contentType?, encoded?}` as in V4.
 */
export type PactSpecVersion = '1.0.0' | '1.1.0' | '2.0.0' | '3.0.0' | '4.0';

export interface ProviderState {
  name: string;
  params?: Record<string, unknown>;
}

export type RuleCategory = 'body' | 'header' | 'query' | 'path' | 'status' | 'metadata' | 'content';

/** One matching rule, as JSON: `{match: 'regex', regex: '\\d+'}`. Unknown kinds are kept. */
export type MatchingRule =
  | { match: 'equality' }
  | { match: 'regex'; regex: string }
  | { match: 'type'; min?: number; max?: number }
  | { match: 'min'; min: number }
  | { match: 'max'; max: number }
  | { match: 'include'; value: string }
  | { match: 'integer' | 'decimal' | 'number' | 'boolean' | 'null' | 'notEmpty' | 'semver' }
  | { match: 'date' | 'time' | 'timestamp' | 'datetime'; format?: string }
  | { match: 'values' }
  | { match: 'contentType'; value: string }
  | { match: 'arrayContains'; variants: ArrayContainsVariant[] }
  | { match: 'eachKey' | 'eachValue'; rules: MatchingRule[]; value?: unknown }
  | { match: 'statusCode'; status: string | number[] }
  | { match: string; [option: string]: unknown };

export interface ArrayContainsVariant {
  index: number;
  rules: MatchingRules;
  generators?: Generators;
}

export interface RuleList {
  combine: 'AND' | 'OR';
  matchers: MatchingRule[];
}

/** Category → path expression (`$.items[*].id`, header name, query name, or `$`) → rules. */
export type MatchingRules = Partial<Record<RuleCategory, Record<string, RuleList>>>;

/** A generator: `{type: 'RandomInt', min: 0, max: 10}`, `{type: 'ProviderState', expression}`... */
export interface Generator {
  type: string;
  [option: string]: unknown;
}

/** Category → path expression (or `$` for path/status) → generator. */
export type Generators = Partial<Record<RuleCategory, Record<string, Generator>>>;

export interface PactBody {
  /** Parsed JSON when the content type is JSON, otherwise the text (or base64 when encoded). */
  content: unknown;
  contentType?: string;
  /** `false`, or how `content` is encoded (`base64`, `json`). */
  encoded?: false | string;
}

export interface PactHttpRequest {
  method: string;
  path: string;
  query?: Record<string, string[]>;
  /**
   * The query exactly as a V1/V2 pact wrote it (a string). Pact V1.0 compares query strings
   * segment by segment, so a trailing `&` or the order of parameters matters there.
   */
  rawQuery?: string;
  headers?: Record<string, string[]>;
  /** Absent = not specified (anything matches). */
  body?: PactBody;
  matchingRules?: MatchingRules;
  generators?: Generators;
}

export interface PactHttpResponse {
  status: number;
  headers?: Record<string, string[]>;
  body?: PactBody;
  matchingRules?: MatchingRules;
  generators?: Generators;
}

interface PactInteractionBase {
  /** V4 interaction key, when present. */
  key?: string;
  description: string;
  providerStates: ProviderState[];
  /** V4: a pending interaction does not fail verification. */
  pending?: boolean;
  comments?: { text?: string[]; testname?: string; [other: string]: unknown };
  source?: SourceLocation;
}

export interface PactHttpInteraction extends PactInteractionBase {
  type: 'Synchronous/HTTP';
  request: PactHttpRequest;
  response: PactHttpResponse;
}

export interface PactMessageContents {
  contents?: PactBody;
  metadata: Record<string, unknown>;
  matchingRules?: MatchingRules;
  generators?: Generators;
}

export interface PactAsyncMessage extends PactInteractionBase, PactMessageContents {
  type: 'Asynchronous/Messages';
}

export interface PactSyncMessage extends PactInteractionBase {
  type: 'Synchronous/Messages';
  request: PactMessageContents;
  response: PactMessageContents[];
}

export type PactMessage = PactAsyncMessage | PactSyncMessage;

/** What the pact file says about itself. */
export interface PactInfo {
  consumer: string;
  provider: string;
  specification: PactSpecVersion;
  metadata: Record<string, unknown>;
}
