import { essence, isJsonMediaType } from '../../http/media-type.js';
import type { SchemaCompiler } from '../../matching/json-schema.js';
import type { HttpOperation, Response, Service } from '../../model/index.js';
import { coerceToSchema } from '../../schema/coerce.js';
import type { CheckFailure, CheckName, ConformanceCase, ConformanceResponse } from './types.js';

/**
 * 4xx answers a valid request may get because of the provider's data or the caller's rights,
 * never because of the request's shape: unauthenticated, forbidden, not found, conflict, gone,
 * precondition failed, too many requests.
 */
const STATE_DEPENDENT = new Set([401, 403, 404, 409, 410, 412, 429]);

/** The documented response for a status: exact code, then `4XX`-style range, then `default`. */
export function documentedResponse(op: HttpOperation, status: number): Response | undefined {
  const code = String(status);
  return (
    op.responses.find((r) => r.status === code) ??
    op.responses.find((r) => r.status.toUpperCase() === `${code[0]}XX`) ??
    op.responses.find((r) => r.status === 'default')
  );
}

function mediaMatches(documented: string, actual: string): boolean {
  const d = essence(documented);
  const a = essence(actual);
  if (d === a || d === '*/*') return true;
  const [dType, dSub] = d.split('/');
  const [aType] = a.split('/');
  return dSub === '*' && dType === aType;
}

function formatIssues(issues: Array<{ path: string; message: string }>): string {
  const shown = issues.slice(0, 3).map((i) => `${i.path || '/'} ${i.message}`);
  return issues.length > 3
    ? `${shown.join('; ')}; and ${issues.length - 3} more`
    : shown.join('; ');
}

export interface CheckInput {
  service: Service;
  compiler: SchemaCompiler;
  operation: HttpOperation;
  testCase: ConformanceCase;
  response: ConformanceResponse;
  /** The checks to run; others are skipped. */
  enabled: ReadonlySet<CheckName>;
  /** 5xx statuses `not_a_server_error` lets pass (the user's choice, with a reason). */
  allowedServerErrors?: ReadonlySet<number>;
}

/** `not_a_server_error`'s message for a status, or undefined when it passes. */
export function serverErrorMessage(
  status: number,
  allowed: ReadonlySet<number> | undefined,
): string | undefined {
  return status >= 500 && !allowed?.has(status)
    ? `The provider answered ${status}, a server error.`
    : undefined;
}

/**
 * Runs the checks on one response and returns the failures and the checks that applied.
 *
 * - `not_a_server_error`: the status is below 500 (or one of `allowedServerErrors`).
 * - `status_code_conformance`: the status is documented (exactly, as `NXX`, or by `default`).
 * - `content_type_conformance`: a response with a body has a Content-Type the documented
 *   response lists (wildcards in the spec allowed).
 * - `response_headers_conformance`: the documented response's required headers are present and
 *   their values match their schemas.
 * - `response_schema_conformance`: a JSON body parses and matches the documented schema.
 * - `negative_data_rejection` (negative cases): the answer is a 4xx.
 * - `positive_data_acceptance` (example and generated cases): a 4xx is allowed only when the
 *   spec documents that status for the operation; and a request built from the spec's own
 *   examples must not be rejected as invalid (400 or 422) — the states-dependent 401, 403, 404,
 *   409, 410, 412 and 429 stay allowed, as the provider's data decides them, not the request.
 */
export function runChecks(input: CheckInput): { failures: CheckFailure[]; applied: CheckName[] } {
  const { operation: op, testCase, response, enabled } = input;
  const failures: CheckFailure[] = [];
  const applied: CheckName[] = [];
  const run = (check: CheckName, fn: () => string | undefined): void => {
    if (!enabled.has(check)) return;
    applied.push(check);
    const message = fn();
    if (message !== undefined) failures.push({ check, message });
  };
  const status = response.status;
  const documented = documentedResponse(op, status);
  const codes = op.responses.map((r) => r.status).join(', ');

  run('not_a_server_error', () => serverErrorMessage(status, input.allowedServerErrors));
  run('status_code_conformance', () =>
    documented
      ? undefined
      : `Status ${status} is not documented for ${op.method} ${op.path} (documented: ${codes || 'none'}).`,
  );
  const hasBody =
    response.body.length > 0 && status !== 204 && status !== 304 && op.method !== 'HEAD';
  const contentType = response.headers['content-type'];
  const content =
    documented && contentType !== undefined
      ? documented.contents.find((c) => mediaMatches(c.mediaType, contentType))
      : undefined;
  if (documented && documented.contents.length > 0 && hasBody) {
    run('content_type_conformance', () => {
      const listed = documented.contents.map((c) => c.mediaType).join(', ');
      if (contentType === undefined)
        return `The ${status} response has a body but no Content-Type (documented: ${listed}).`;
      return content
        ? undefined
        : `Content-Type ${contentType} is not documented for ${status} (documented: ${listed}).`;
    });
  }
  const requiredHeaders = (documented?.headers ?? []).filter(
    (h) =>
      h.name.toLowerCase() !== 'content-type' &&
      (h.required || response.headers[h.name.toLowerCase()] !== undefined),
  );
  if (requiredHeaders.length > 0) {
    run('response_headers_conformance', () => {
      const problems: string[] = [];
      for (const header of requiredHeaders) {
        const value = response.headers[header.name.toLowerCase()];
        if (value === undefined) {
          problems.push(`required header ${header.name} is missing`);
          continue;
        }
        if (header.schema === undefined) continue;
        const issues = input.compiler.compile(header.schema)(
          coerceToSchema(value, header.schema, input.service.schemas),
        );
        if (issues.length > 0)
          problems.push(`header ${header.name} '${value}': ${formatIssues(issues)}`);
      }
      return problems.length > 0 ? `The ${status} response: ${problems.join('; ')}.` : undefined;
    });
  }
  if (
    content?.schema !== undefined &&
    hasBody &&
    isJsonMediaType(content.mediaType.includes('*') ? (contentType ?? '') : content.mediaType)
  ) {
    const schema = content.schema;
    run('response_schema_conformance', () => {
      let body: unknown;
      try {
        body = JSON.parse(response.body);
      } catch {
        return `The ${status} body is not valid JSON: ${response.body.slice(0, 80)}`;
      }
      const issues = input.compiler.compile(schema)(body);
      return issues.length > 0
        ? `The ${status} body does not match its schema: ${formatIssues(issues)}.`
        : undefined;
    });
  }
  if (testCase.source === 'negative') {
    run('negative_data_rejection', () =>
      status >= 400 && status < 500
        ? undefined
        : `Invalid data (${testCase.label}) was answered ${status}; expected a 4xx rejection.`,
    );
  } else {
    run('positive_data_acceptance', () => {
      if (status < 400 || status >= 500) return undefined;
      if (!documented || documented.status === 'default') {
        return `A valid request was rejected with ${status}, which the spec does not document for ${op.method} ${op.path}.`;
      }
      if (testCase.source === 'example' && !STATE_DEPENDENT.has(status)) {
        return `The request built from the spec's examples was rejected with ${status}.`;
      }
      return undefined;
    });
  }
  return { failures, applied };
}
