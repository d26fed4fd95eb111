import { describe, expect, it } from 'vitest';
import { queryLists, recordedBody } from './exchange.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('recordedBody', () => {
  it('keeps JSON as a parsed value, text as text, and anything else as base64', () => {
    expect(recordedBody(bytes('{"a":1}'), 'application/json; charset=utf-8')).toEqual({
      kind: 'json',
      text: '{"a":1}',
      value: { a: 1 },
    });
    expect(recordedBody(bytes('{broken'), 'application/json')).toEqual({
      kind: 'text',
      text: '{broken',
    });
    expect(recordedBody(bytes('<a/>'), undefined)).toEqual({ kind: 'text', text: '<a/>' });
    expect(recordedBody(new Uint8Array([0xff, 0x00]), 'application/octet-stream')).toEqual({
      kind: 'binary',
      base64: '/wA=',
    });
    expect(recordedBody(new Uint8Array([0x61, 0x00]), 'image/png')).toEqual({
      kind: 'binary',
      base64: 'YQA=',
    });
    expect(recordedBody(new Uint8Array(), 'text/plain')).toEqual({ kind: 'empty' });
  });
});

describe('queryLists', () => {
  it('groups repeated parameters in order, decoded', () => {
    expect(queryLists('a=1&b=x%20y&a=2')).toEqual({ a: ['1', '2'], b: ['x y'] });
  });
});
