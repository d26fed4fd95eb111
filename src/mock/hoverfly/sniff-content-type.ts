/**
 * The Content-Type Go's `net/http` adds when a handler writes a body without one
 * (`http.DetectContentType`, the WHATWG sniffing rules): Hoverfly is a Go server, so a pair
 * without a Content-Type header reaches clients with the sniffed one, and so must ours.
 */

const HTML_TAGS = [
  '<!DOCTYPE HTML',
  '<HTML',
  '<HEAD',
  '<SCRIPT',
  '<IFRAME',
  '<H1',
  '<DIV',
  '<FONT',
  '<TABLE',
  '<A',
  '<STYLE',
  '<TITLE',
  '<B',
  '<BODY',
  '<BR',
  '<P',
  '<!--',
];

/** Exact byte prefixes (no leading whitespace skipped) and their types. */
const MAGIC: ReadonlyArray<readonly [readonly number[], string]> = [
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'application/pdf'],
  [[0x25, 0x21, 0x50, 0x53, 0x2d, 0x41, 0x64, 0x6f, 0x62, 0x65, 0x2d], 'application/postscript'],
  [[0xfe, 0xff], 'text/plain; charset=utf-16be'],
  [[0xff, 0xfe], 'text/plain; charset=utf-16le'],
  [[0xef, 0xbb, 0xbf], 'text/plain; charset=utf-8'],
  [[0x00, 0x00, 0x01, 0x00], 'image/x-icon'],
  [[0x00, 0x00, 0x02, 0x00], 'image/x-icon'],
  [[0x42, 0x4d], 'image/bmp'],
  [[0x47, 0x49, 0x46, 0x38, 0x37, 0x61], 'image/gif'],
  [[0x47, 0x49, 0x46, 0x38, 0x39, 0x61], 'image/gif'],
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'image/png'],
  [[0xff, 0xd8, 0xff], 'image/jpeg'],
  [[0x4f, 0x67, 0x67, 0x53, 0x00], 'application/ogg'],
  [[0x49, 0x44, 0x33], 'audio/mpeg'],
  [[0x1f, 0x8b, 0x08], 'application/x-gzip'],
  [[0x50, 0x4b, 0x03, 0x04], 'application/zip'],
  [[0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00], 'application/x-rar-compressed'],
  [[0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00], 'application/x-rar-compressed'],
  [[0x00, 0x61, 0x73, 0x6d], 'application/wasm'],
  [[0x77, 0x4f, 0x46, 0x46], 'font/woff'],
  [[0x77, 0x4f, 0x46, 0x32], 'font/woff2'],
];

const isWhitespace = (b: number): boolean =>
  b === 0x09 || b === 0x0a || b === 0x0c || b === 0x0d || b === 0x20;

/** Bytes that make Go call a body binary rather than text. */
const isBinary = (b: number): boolean =>
  b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f);

function startsWith(data: Uint8Array, at: number, prefix: readonly number[]): boolean {
  if (data.length - at < prefix.length) return false;
  return prefix.every((b, i) => data[at + i] === b);
}

function htmlAt(data: Uint8Array, at: number, tag: string): boolean {
  if (data.length - at < tag.length + 1) return false;
  for (let i = 0; i < tag.length; i++) {
    let b = data[at + i]!;
    if (b >= 0x61 && b <= 0x7a) b -= 0x20; // upper-case, as the sniffer compares
    if (b !== tag.charCodeAt(i)) return false;
  }
  const next = data[at + tag.length];
  return next === 0x20 || next === 0x3e;
}

/**
 * Go's `DetectContentType` for the first 512 bytes of a body.
 *
 * @example
 * sniffContentType(new TextEncoder().encode('{"a":1}')) // 'text/plain; charset=utf-8'
 * sniffContentType(new TextEncoder().encode('<html><body>')) // 'text/html; charset=utf-8'
 */
export function sniffContentType(body: Uint8Array): string {
  const data = body.subarray(0, 512);
  let first = 0;
  while (first < data.length && isWhitespace(data[first]!)) first++;
  for (const tag of HTML_TAGS) if (htmlAt(data, first, tag)) return 'text/html; charset=utf-8';
  if (startsWith(data, first, [0x3c, 0x3f, 0x78, 0x6d, 0x6c])) return 'text/xml; charset=utf-8';
  for (const [prefix, type] of MAGIC) if (startsWith(data, 0, prefix)) return type;
  if (
    startsWith(data, 0, [0x52, 0x49, 0x46, 0x46]) &&
    startsWith(data, 8, [0x57, 0x45, 0x42, 0x50, 0x56, 0x50])
  )
    return 'image/webp';
  return data.some(isBinary) ? 'application/octet-stream' : 'text/plain; charset=utf-8';
}
