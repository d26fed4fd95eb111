import { describe, expect, it } from 'vitest';
import {
  detectBytesContentType,
  detectTextContentType,
  isJsonContentType,
  isXmlContentType,
  parseMediaType,
} from './content-type.js';

describe('content types', () => {
  it('parses media types with parameters', () => {
    expect(parseMediaType('Text/HTML; charset="UTF-8"; q=1')).toEqual({
      type: 'text',
      subtype: 'html',
      parameters: { charset: 'UTF-8', q: '1' },
    });
    expect(parseMediaType('hippos')).toBeUndefined();
  });

  it('knows JSON and XML families', () => {
    expect(isJsonContentType('application/hal+json')).toBe(true);
    expect(isJsonContentType('text/plain')).toBe(false);
    expect(isXmlContentType('application/atom+xml; charset=utf-8')).toBe(true);
  });

  it('sniffs text and bytes', () => {
    expect(detectTextContentType('<?xml version="1.0"?><a/>')).toBe('application/xml');
    expect(detectTextContentType(' [1, 2]')).toBe('application/json');
    expect(detectTextContentType('{not json')).toBe('text/plain');
    expect(detectBytesContentType(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]))).toBe(
      'application/pdf',
    );
    expect(detectBytesContentType(new Uint8Array([0xff, 0xfe, 0x00]))).toBe(
      'application/octet-stream',
    );
  });
});
