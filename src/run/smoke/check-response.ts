import { essence } from '../../http/media-type.js';
import type { SchemaCompiler } from '../../matching/json-schema.js';
import type { HttpOperation, MediaContent, Response } from '../../model/index.js';

/** What came back for a smoke request. */
export interface ObservedResponse {
  status: number;
  contentType: string | undefined;
  /** The body as text (`''` when empty). */
  body: string;
}

/** The documented response for a status: exact, then `4XX`-style ranges, then `default`. */
export function documentedResponse(op: HttpOperation, status: number): Response | undefined {
  const exact = op.responses.find((r) => r.status === String(status));
  if (exact) return exact;
  const range = op.responses.find((r) => r.status.toUpperCase() === `${String(status)[0]}XX`);
  return range ?? op.responses.find((r) => r.status === 'default');
}

function documentedContent(response: Response, contentType: string): MediaContent | undefined {
  const type = essence(contentType);
  const [major] = type.split('/');
  return (
    response.contents.find((c) => essence(c.mediaType) === type) ??
    response.contents.find((c) => essence(c.mediaType) === `${major}/*`) ??
    response.contents.find((c) => essence(c.mediaType) === '*/*')
  );
}

function isJson(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json');
}

/**
 * Checks a response against the operation's contract and returns the problems (empty = fine):
 * the status must be documented (exactly, as a range, or by `default`); a body must have a
 * documented content type; a JSON body must be valid JSON and match the documented schema.
 *
 * @example
 * checkResponse(getStock, compiler, { status: 200, contentType: 'application/json', body: '{"sku":"abc"}' });
 * // ["body /: must have required property 'available'"]
 */
export function checkResponse(
  op: HttpOperation,
  compiler: SchemaCompiler,
  observed: ObservedResponse,
): string[] {
  const response = documentedResponse(op, observed.status);
  if (!response) {
    const documented = op.responses.map((r) => r.status).join(', ') || 'none';
    return [`status ${observed.status} is not documented (documented: ${documented})`];
  }
  if (observed.body === '') return [];
  if (response.contents.length === 0) {
    return [`status ${observed.status} documents no body, but one came back`];
  }
  const type = essence(observed.contentType ?? '');
  const content = documentedContent(response, type);
  if (!content) {
    const documented = response.contents.map((c) => c.mediaType).join(', ');
    return [
      `content type "${type || 'none'}" is not documented for ${observed.status} (documented: ${documented})`,
    ];
  }
  if (!isJson(type) || content.schema === undefined) return [];
  let value: unknown;
  try {
    value = JSON.parse(observed.body);
  } catch {
    return [`the ${type} body is not valid JSON`];
  }
  return compiler
    .compile(content.schema)(value)
    .map((issue) => `body ${issue.path || '/'}: ${issue.message}`);
}
