import type { Diagnostic } from '../model/index.js';

/**
 * `application/problem+json` answers (RFC 9457) that Gauntlet sends itself, not from a contract:
 * the mock engine's misses and the HTTP adapter's own refusals share this one builder.
 */

/** The kinds of problem Gauntlet answers with itself. */
export const PROBLEMS = {
  NOT_FOUND: { status: 404, title: 'Route not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  NOT_ACCEPTABLE: { status: 406, title: 'Not acceptable' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  BAD_REQUEST: { status: 400, title: 'Malformed request' },
  UNAUTHORIZED: { status: 401, title: 'Invalid security scheme used' },
  UNPROCESSABLE_ENTITY: { status: 422, title: 'Invalid request' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  NO_RESPONSE_DEFINED: { status: 500, title: 'No response defined' },
  INTERNAL: { status: 500, title: 'Internal mock error' },
} as const;

export type ProblemKind = keyof typeof PROBLEMS;

/** The `type` URI of a problem, stable for clients to switch on. */
export function problemType(kind: ProblemKind): string {
  return `https://gauntlet.dev/problems#${kind}`;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  diagnostics: Diagnostic[];
}

/** A plain response record (the mock engine's `MockResponse` is one). */
export interface ProblemResponse {
  status: number;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

const encoder = new TextEncoder();

/** An `application/problem+json` response. Errors are rare, so serialising here is fine. */
export function problemResponse(
  kind: ProblemKind,
  detail: string,
  diagnostics: Diagnostic[] = [],
  headers: Array<[string, string]> = [],
): ProblemResponse {
  const { status, title } = PROBLEMS[kind];
  const body: ProblemBody = { type: problemType(kind), title, status, detail, diagnostics };
  return {
    status,
    headers: [['Content-Type', 'application/problem+json'], ...headers],
    body: encoder.encode(JSON.stringify(body)),
  };
}
