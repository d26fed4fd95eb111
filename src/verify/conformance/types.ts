import type { Diagnostic, HttpMethod } from '../../model/index.js';

/** The checks `verifyOpenApi` can run, Schemathesis's names. */
export const CONFORMANCE_CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
  'negative_data_rejection',
  'positive_data_acceptance',
  /** A method the path does not declare gets 405 with `Allow` (methods phase). */
  'unsupported_method',
  /** A resource a sequence just created is there when a linked operation asks for it. */
  'ensure_resource_availability',
  /** A resource a sequence deleted is gone (404/410) for the operations that follow. */
  'use_after_free',
] as const;

/**
 * The phases of a run, in the order they run: the spec's examples; stateful sequences along
 * OpenAPI links and inferred ones (right after the examples they start from, before the other
 * phases use up the provider's data, e.g. a SKU's stock); the coverage phase (boundary and shape
 * values of every parameter and body property, and their invalid twins); undeclared methods;
 * seeded random cases.
 */
export const CONFORMANCE_PHASES = [
  'examples',
  'stateful',
  'coverage',
  'methods',
  'generated',
] as const;

/** A phase of `verifyOpenApi` (one of CONFORMANCE_PHASES). */
export type ConformancePhase = (typeof CONFORMANCE_PHASES)[number];

/** A conformance check by name (one of CONFORMANCE_CHECKS). */
export type CheckName = (typeof CONFORMANCE_CHECKS)[number];

/** A request ready to send: path already expanded, body already serialised. */
export interface ConformanceRequest {
  method: HttpMethod;
  /** Expanded and percent-encoded path, relative to the base URL (`/stock/abc`). */
  path: string;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  body?: string;
}

export interface ConformanceResponse {
  status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: string;
}

/**
 * What a case is: built from the spec's examples (`example`), a valid boundary or shape value
 * (`coverage`), seeded generation (`generated`), a valid case mutated into an invalid one
 * (`negative`, which names the mutation), a method the path does not declare (`method`), or a
 * step of a stateful sequence (`stateful`).
 */
export type CaseSource = 'example' | 'coverage' | 'generated' | 'negative' | 'method' | 'stateful';

export interface ConformanceCase {
  operationId: string;
  method: HttpMethod;
  /** The operation's path template (`/stock/{sku}`). */
  pathTemplate: string;
  phase: ConformancePhase;
  source: CaseSource;
  /** What the case is: `example`, `generated #2`, `body: missing required 'sku'`. */
  label: string;
  request: ConformanceRequest;
}

export interface CheckFailure {
  check: CheckName;
  message: string;
}

/** One failing case: what was sent (as a curl line), what came back, and which checks failed. */
export interface ConformanceFailure {
  operationId: string;
  method: HttpMethod;
  path: string;
  phase: ConformancePhase;
  source: CaseSource;
  label: string;
  /** The response status, or undefined when the request itself failed (connection refused). */
  status?: number;
  failures: CheckFailure[];
  /** A shell line that sends the same request again. */
  curl: string;
  /** Stateful failures: the curl lines of the whole sequence up to the failing step (`curl` last). */
  sequence?: string[];
}

/** Per phase: requests sent, and how many of them failed a check. */
export interface PhaseSummary {
  requests: number;
  failed: number;
}

export interface OperationSummary {
  operationId: string;
  method: HttpMethod;
  path: string;
  cases: number;
  failed: number;
}

export interface ConformanceReport {
  service: string;
  file: string;
  baseUrl: string;
  seed: number;
  casesPerOperation: number;
  checks: CheckName[];
  /** The phases that ran (all of them unless narrowed), with the requests each sent. */
  phases: Partial<Record<ConformancePhase, PhaseSummary>>;
  /** Stateful sequences run, and the links they followed (`createReservation 201 → releaseReservation`). */
  stateful: { sequences: number; links: string[] };
  operations: OperationSummary[];
  failures: ConformanceFailure[];
  /** Per check: how many cases it passed and failed (cases it does not apply to are not counted). */
  counts: Record<CheckName, { passed: number; failed: number }>;
  /** Cases that could not be built (a schema the generator cannot satisfy) and other notes. */
  diagnostics: Diagnostic[];
  passed: boolean;
  durationMs: number;
}
