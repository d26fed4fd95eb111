import { describe, expect, it } from 'vitest';
import { sniffContentType } from './sniff-content-type.js';

const sniff = (text: string | number[]) =>
  sniffContentType(
    typeof text === 'string' ? new TextEncoder().encode(text) : Uint8Array.from(text),
  );

describe('sniffContentType (Go http.DetectContentType)', () => {
  it('calls JSON and other text plain text, HTML html and an XML declaration xml', () => {
    expect(sniff('{"a":1}')).toBe('text/plain; charset=utf-8');
    expect(sniff('  <html><body>x</body></html>')).toBe('text/html; charset=utf-8');
    expect(sniff('<!DOCTYPE html>\n<p>')).toBe('text/html; charset=utf-8');
    expect(sniff('<?xml version="1.0"?><a/>')).toBe('text/xml; charset=utf-8');
    // A tag must end with a space or '>' to count: <a/> is not HTML.
    expect(sniff('<a/>')).toBe('text/plain; charset=utf-8');
  });

  it('recognises binary signatures and falls back to octet-stream for other binary bytes', () => {
    expect(sniff([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])).toBe('image/png');
    expect(sniff('%PDF-1.7')).toBe('application/pdf');
    expect(sniff([0x1f, 0x8b, 0x08, 0])).toBe('application/x-gzip');
    expect(sniff([0, 255, 1, 254])).toBe('application/octet-stream');
  });
});
