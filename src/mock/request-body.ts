import { essence } from '../http/media-type.js';
import { parseQuery } from './deserialize.js';

const utf8 = new TextDecoder('utf-8', { fatal: false });

export type ParsedBody = { ok: true; value: unknown } | { ok: false; reason: string };

/** Bytes to a string with one char per byte, so multipart boundaries can be searched as text. */
function binaryString(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return out;
}

function bytesOf(binary: string): Uint8Array {
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function addField(target: Record<string, unknown>, name: string, value: unknown): void {
  const existing = target[name];
  if (existing === undefined) target[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else target[name] = [existing, value];
}

/** The `boundary` parameter of a multipart Content-Type. */
function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2])?.trim() : undefined;
}

/**
 * Minimal multipart/form-data reader: each part's `name` becomes a field; text is decoded as
 * UTF-8 (files too: the schema sees a string, as `format: binary` expects).
 */
export function parseMultipart(bytes: Uint8Array, contentType: string): ParsedBody {
  const boundary = boundaryOf(contentType);
  if (!boundary)
    return { ok: false, reason: 'the multipart Content-Type has no boundary parameter' };
  const text = binaryString(bytes);
  const delimiter = `--${boundary}`;
  const chunks = text.split(delimiter);
  if (chunks.length < 2)
    return { ok: false, reason: `no part starts with the boundary ${delimiter}` };
  const out: Record<string, unknown> = {};
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith('--')) break;
    const part = chunk.replace(/^\r?\n/, '').replace(/\r?\n$/, '');
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const head = part.slice(0, split);
    const body = part.slice(split).replace(/^\r?\n\r?\n/, '');
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (name === undefined) continue;
    addField(out, name, utf8.decode(bytesOf(body)));
  }
  return { ok: true, value: out };
}

/** Reads a form-urlencoded body into fields (repeated names become arrays). */
export function parseForm(bytes: Uint8Array): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of parseQuery(utf8.decode(bytes))) addField(out, name, value);
  return out;
}

/** Parses a request body by its media type: JSON, form, multipart, or text for the rest. */
export function parseBody(bytes: Uint8Array, contentType: string): ParsedBody {
  const type = essence(contentType);
  if (type === 'application/json' || type.endsWith('+json')) {
    const text = utf8.decode(bytes);
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }
  if (type === 'application/x-www-form-urlencoded') return { ok: true, value: parseForm(bytes) };
  if (type.startsWith('multipart/')) return parseMultipart(bytes, contentType);
  return { ok: true, value: utf8.decode(bytes) };
}
