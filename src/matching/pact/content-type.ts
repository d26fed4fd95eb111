/**
 * Media types as Pact sees them: `application/json`, `application/hal+json` and `text/json` are
 * all JSON; `application/xml`, `text/xml` and `*+xml` are XML. Bodies without a declared type are
 * sniffed the way Pact does (XML declaration or a leading `<` → XML, a JSON object/array → JSON).
 */

export interface MediaType {
  /** `application`, lower case. */
  type: string;
  /** `json`, lower case (with any `+suffix`). */
  subtype: string;
  /** Parameter names lower case, values as written (quotes removed). */
  parameters: Record<string, string>;
}

/** Parses `text/html; charset=UTF-8` into its parts; undefined when there is no `/`. */
export function parseMediaType(value: string): MediaType | undefined {
  const [essence = '', ...params] = value.split(';');
  const slash = essence.indexOf('/');
  if (slash <= 0) return undefined;
  const parameters: Record<string, string> = {};
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    const name = param.slice(0, eq).trim().toLowerCase();
    let val = param.slice(eq + 1).trim();
    if (val.length >= 2 && val.startsWith('"') && val.endsWith('"')) val = val.slice(1, -1);
    if (name !== '') parameters[name] = val;
  }
  return {
    type: essence.slice(0, slash).trim().toLowerCase(),
    subtype: essence
      .slice(slash + 1)
      .trim()
      .toLowerCase(),
    parameters,
  };
}

/** True for `application/json`, `text/json`, `application/vnd.x+json`, `application/json-rpc`. */
export function isJsonContentType(contentType: string | undefined): boolean {
  const media = contentType === undefined ? undefined : parseMediaType(contentType);
  if (!media) return false;
  return (
    (media.type === 'application' || media.type === 'text') &&
    (media.subtype === 'json' ||
      media.subtype.endsWith('+json') ||
      media.subtype.startsWith('json'))
  );
}

/** True for `application/xml`, `text/xml`, `application/atom+xml`... */
export function isXmlContentType(contentType: string | undefined): boolean {
  const media = contentType === undefined ? undefined : parseMediaType(contentType);
  if (!media) return false;
  return (
    (media.type === 'application' || media.type === 'text') &&
    (media.subtype === 'xml' || media.subtype.endsWith('+xml'))
  );
}

/** True for `application/x-www-form-urlencoded`. */
export function isFormContentType(contentType: string | undefined): boolean {
  const media = contentType === undefined ? undefined : parseMediaType(contentType);
  return media?.type === 'application' && media.subtype === 'x-www-form-urlencoded';
}

/** True for `text/*` other than JSON and XML. */
export function isTextContentType(contentType: string | undefined): boolean {
  const media = contentType === undefined ? undefined : parseMediaType(contentType);
  return (
    media?.type === 'text' && !isJsonContentType(contentType) && !isXmlContentType(contentType)
  );
}

/**
 * Guesses the content type of a text body: `application/xml` for an XML declaration or a leading
 * element, `application/json` for a JSON object or array, otherwise `text/plain`.
 */
export function detectTextContentType(text: string): string {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (/^<\?xml\b/i.test(trimmed) || /^<[A-Za-z_][\w.:-]*[\s/>]/.test(trimmed)) {
    return 'application/xml';
  }
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      JSON.parse(trimmed);
      return 'application/json';
    } catch {
      // not JSON after all: falls through to text
    }
  }
  return 'text/plain';
}

/**
 * Guesses the media type of raw bytes from their magic numbers (PNG, JPEG, GIF, PDF, ZIP, gzip),
 * falling back to the text sniffing of {@link detectTextContentType} for valid UTF-8.
 */
export function detectBytesContentType(bytes: Uint8Array): string {
  const starts = (...sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'application/pdf';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'application/zip';
  if (starts(0x1f, 0x8b)) return 'application/gzip';
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return detectTextContentType(text);
  } catch {
    return 'application/octet-stream';
  }
}

/** The first `Content-Type` header value (name compared case-insensitively). */
export function contentTypeHeader(
  headers: Record<string, readonly string[]> | undefined,
): string | undefined {
  if (!headers) return undefined;
  for (const [name, values] of Object.entries(headers)) {
    if (name.toLowerCase() === 'content-type') return values[0];
  }
  return undefined;
}
