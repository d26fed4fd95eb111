/** One request/response pair the recorder forwarded and answered. */
export interface RecordedExchange {
  request: {
    method: string;
    /** Percent-encoded path as the client sent it (without the target's base path). */
    path: string;
    /** Raw query string without `?` ('' when none). */
    query: string;
    /** Lower-case names. */
    headers: Record<string, string[]>;
    body: Uint8Array;
  };
  response: {
    status: number;
    /** Lower-case names; framing headers (content-length, transfer-encoding...) left out. */
    headers: Record<string, string[]>;
    body: Uint8Array;
  };
}

/** A body as a recording stores it: text when it is valid UTF-8, else base64. */
export type RecordedBody =
  | { kind: 'empty' }
  | { kind: 'json'; text: string; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'binary'; base64: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Content types whose bytes are text even when they do not say so. */
const TEXTUAL =
  /^(?:text\/|application\/(?:[\w.+-]*\+)?(?:json|xml|x-www-form-urlencoded|javascript|yaml))/i;

export function contentTypeOf(headers: Record<string, string[]>): string | undefined {
  return headers['content-type']?.[0];
}

/**
 * Classifies a body for writing: JSON (parsed, so pacts hold a JSON value), text, or binary
 * (base64). An unknown content type with valid UTF-8 bytes is text.
 *
 * @example
 * recordedBody(new TextEncoder().encode('{"a":1}'), 'application/json'); // { kind: 'json', ... }
 */
export function recordedBody(bytes: Uint8Array, contentType: string | undefined): RecordedBody {
  if (bytes.byteLength === 0) return { kind: 'empty' };
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return { kind: 'binary', base64: Buffer.from(bytes).toString('base64') };
  }
  if (contentType !== undefined && !TEXTUAL.test(contentType) && text.includes('\u0000')) {
    return { kind: 'binary', base64: Buffer.from(bytes).toString('base64') };
  }
  if (contentType !== undefined && /json/i.test(contentType)) {
    try {
      return { kind: 'json', text, value: JSON.parse(text) };
    } catch {
      return { kind: 'text', text };
    }
  }
  return { kind: 'text', text };
}

/** `a=1&a=2&b=3` → `{a: ['1', '2'], b: ['3']}` (decoded, in order). */
export function queryLists(query: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(query)) {
    const values = out[name];
    if (values === undefined) out[name] = [value];
    else values.push(value);
  }
  return out;
}
