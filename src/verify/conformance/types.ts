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
] as const;

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
 * Where a case came from: the spec's examples (`example`), seeded generation (`generated`), or a
 * valid case mutated into an invalid one (`negative`, which names the mutation).
 */
export type CaseSource = 'example' | 'generated' | 'negative';

export interface ConformanceCase {
  operationId: string;
  method: HttpMethod;
  /** The operation's path template (`/stock/{sku}`). */
  pathTemplate: string;
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
  source: CaseSource;
  label: string;
  /** The response status, or undefined when the request itself failed (connection refused). */
  status?: number;
  failures: CheckFailure[];
  /** A shell line that sends the same request again. */
  curl: string;
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
  operations: OperationSummary[];
  failures: ConformanceFailure[];
  /** Per check: how many cases it passed and failed (cases it does not apply to are not counted). */
  counts: Record<CheckName, { passed: number; failed: number }>;
  /** Cases that could not be built (a schema the generator cannot satisfy) and other notes. */
  diagnostics: Diagnostic[];
  passed: boolean;
  durationMs: number;
}
