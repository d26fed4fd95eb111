import { describe, expect, it } from 'vitest';
import { compileMatcher, decodeJwt, jsonPartial } from './matchers.js';

const test = (matcher: string, value: unknown, toMatch: string, config?: Record<string, unknown>) =>
  compileMatcher(config ? { matcher, value, config } : { matcher, value }).test(toMatch);

const jwt = (header: object, payload: object): string =>
  `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;

describe('hoverfly matchers', () => {
  it('exact and negate compare the whole string', () => {
    expect(test('exact', 'docs.hoverfly.io', 'docs.hoverfly.io')).toBe('docs.hoverfly.io');
    expect(test('exact', 'docs.hoverfly.io', 'specto.io')).toBeUndefined();
    expect(test('negate', 'docs.hoverfly.io', 'cloud.hoverfly.io')).toBe('cloud.hoverfly.io');
    expect(test('negate', 'cloud.hoverfly.io', 'cloud.hoverfly.io')).toBeUndefined();
  });

  it('glob treats only * as special, case-sensitively', () => {
    expect(test('glob', '*.hoverfly.io', 'docs.hoverfly.io')).toBe('docs.hoverfly.io');
    expect(test('glob', '*.hoverfly.io', 'docs.specto.io')).toBeUndefined();
    expect(test('glob', 'h*verfly.*', 'hooverfly.com')).toBe('hooverfly.com');
    expect(test('glob', '/a.b?', '/axb?')).toBeUndefined();
    expect(test('glob', '/API/*', '/api/x')).toBeUndefined();
  });

  it('regex searches, with RE2 \\A and inline flags', () => {
    expect(test('regex', '(\\Ad)', 'docs.hoverfly.io')).toBe('docs.hoverfly.io');
    expect(test('regex', '(\\Ad)', 'hoverfly.io')).toBeUndefined();
    expect(test('regex', '(?i)^ABC$', 'abc')).toBe('abc');
    expect(test('regex', '([', 'x')).toBeUndefined();
  });

  it('json compares parsed documents; jsonpartial finds a subset in any node', () => {
    expect(test('json', '{"a":1,"b":[1,2]}', '{ "b": [1, 2], "a": 1 }')).toBeDefined();
    expect(test('json', '{"a":1}', '{"a":1,"b":2}')).toBeUndefined();
    const doc = '{"objects":[{"name":"Object 1"},{"name":"Object 2","set":false,"age":400}]}';
    expect(
      test('jsonpartial', '{"objects":[{"name":"Object 1"},{"name":"Object 2"}]}', doc),
    ).toBeDefined();
    expect(test('jsonpartial', '{"name":"Object 2","set":false,"age":400}', doc)).toBeDefined();
    expect(test('jsonpartial', '{"name":"Object 1","set":true}', doc)).toBeUndefined();
    expect(jsonPartial({ a: { b: 1 } }, { x: { a: { b: 1, c: 2 } } })).toBe(true);
  });

  it('jsonpath matches when the expression selects something and hands the value to doMatch', () => {
    const doc = '{"objects":[{"name":"Object 1"},{"name":"Object 2"}],"user":{"id":1}}';
    expect(test('jsonpath', '$.objects', doc)).toBeDefined();
    expect(test('jsonpath', '$.objects[2].name', doc)).toBeUndefined();
    expect(test('jsonpath', '$.objects[1].name', doc)).toBe('Object 2');
    const chained = compileMatcher({
      matcher: 'jsonpath',
      value: '$.user.id',
      doMatch: { matcher: 'exact', value: '1' },
    });
    expect(chained.test(doc)).toBe('1');
    expect(chained.test('{"user":{"id":2}}')).toBeUndefined();
  });

  it('xml compares documents ignoring layout; xpath selects', () => {
    const xml =
      '<?xml version="1.0"?><documents type="book"><document>Hoverfly</document></documents>';
    expect(
      test('xml', '<documents type="book">\n  <document>Hoverfly</document>\n</documents>', xml),
    ).toBeDefined();
    expect(test('xml', '<document type="book">Hoverfly</document>', xml)).toBeUndefined();
    expect(test('xpath', '/documents', xml)).toBe('Hoverfly');
    expect(test('xpath', '/documents/document[2]', xml)).toBeUndefined();
    const chained = compileMatcher({
      matcher: 'xpath',
      value: '/documents/document',
      doMatch: { matcher: 'glob', value: 'Hover*' },
    });
    expect(chained.test(xml)).toBe('Hoverfly');
  });

  it('array honours ignoreUnknown, ignoreOrder and ignoreOccurrences', () => {
    const value = ['access:vod', 'order:latest', 'profile:vd'];
    expect(test('array', value, 'access:vod;order:latest;profile:vd')).toBeDefined();
    expect(test('array', value, 'order:latest;access:vod;profile:vd')).toBeUndefined();
    expect(
      test('array', value, 'order:latest;access:vod;profile:vd', { ignoreOrder: true }),
    ).toBeDefined();
    expect(test('array', value, 'access:vod;order:latest;profile:vd;x')).toBeUndefined();
    expect(
      test('array', value, 'access:vod;order:latest;profile:vd;x', { ignoreUnknown: true }),
    ).toBeDefined();
    expect(test('array', value, 'access:vod;access:vod;order:latest;profile:vd')).toBeUndefined();
    expect(
      test('array', value, 'access:vod;access:vod;order:latest;profile:vd', {
        ignoreOccurrences: true,
      }),
    ).toBeDefined();
  });

  it('form matches fields of an urlencoded body', () => {
    const form = compileMatcher({
      matcher: 'form',
      value: { grant_type: [{ matcher: 'exact', value: 'client credentials' }] },
    });
    expect(form.test('grant_type=client+credentials&x=1')).toBeDefined();
    expect(form.test('grant_type=password')).toBeUndefined();
  });

  it('jwt decodes header and payload and matches them partially', () => {
    const token = jwt({ alg: 'HS256', typ: 'JWT' }, { sub: '1234', name: 'John' });
    expect(decodeJwt(`Bearer ${token}`)).toEqual({
      header: { alg: 'HS256', typ: 'JWT' },
      payload: { sub: '1234', name: 'John' },
    });
    expect(
      test('jwt', '{"header":{"alg":"HS256"},"payload":{"sub":"1234"}}', `Bearer ${token}`),
    ).toBeDefined();
    expect(test('jwt', '{"payload":{"sub":"9"}}', token)).toBeUndefined();
    expect(test('jwt', '{}', 'not-a-token')).toBeUndefined();
  });

  it('form chains a jwt matcher on a field: the token is decoded and matched partially', () => {
    const token = jwt({ alg: 'HS256', typ: 'JWT' }, { sub: '1234', admin: true });
    const form = compileMatcher({
      matcher: 'form',
      value: {
        grant_type: [{ matcher: 'exact', value: 'jwt-bearer' }],
        assertion: [{ matcher: 'jwt', value: '{"payload":{"admin":true}}' }],
      },
    });
    expect(form.test(`grant_type=jwt-bearer&assertion=${token}`)).toBeDefined();
    const other = jwt({ alg: 'HS256' }, { sub: '1234', admin: false });
    expect(form.test(`grant_type=jwt-bearer&assertion=${other}`)).toBeUndefined();
  });

  it('xmltemplated matches the tree: {{ ignore }}, {{ regex:… }}, children in any order, none extra', () => {
    const expected =
      '<order><id>{{regex:^A[0-9]+$}}</id><note>{{ ignore }}</note><qty>3</qty></order>';
    expect(
      test('xmltemplated', expected, '<order><id>A12</id><note>n</note><qty>3</qty></order>'),
    ).toBeDefined();
    expect(
      test('xmltemplated', expected, '<order><qty>3</qty><note/><id>A1</id></order>'),
    ).toBeDefined();
    expect(
      test('xmltemplated', expected, '<order x="1"><id>A1</id><note/><qty>3</qty></order>'),
    ).toBeDefined();
    expect(
      test('xmltemplated', expected, '<order><id>B1</id><note/><qty>3</qty></order>'),
    ).toBeUndefined();
    expect(
      test('xmltemplated', expected, '<order><id>A1</id><note/><qty> 3 </qty></order>'),
    ).toBeUndefined();
    expect(
      test('xmltemplated', expected, '<order><id>A1</id><note/><qty>3</qty><x/></order>'),
    ).toBeUndefined();
    expect(test('xmltemplated', expected, 'not xml')).toBeUndefined();
    // Everything between `regex:` and `}}` is the expression, a trailing space included (as in
    // Hoverfly), so `^x$ ` matches nothing.
    expect(test('xmltemplated', '<a>{{ regex:^x$ }}</a>', '<a>x</a>')).toBeUndefined();
    expect(test('xmltemplated', '<a>{{ regex:^x$ }}</a>', '<a>x </a>')).toBeUndefined();
  });

  it('scores exact matches 2 and the others 1', () => {
    expect(compileMatcher({ matcher: 'exact', value: 'a' }).score).toBe(2);
    expect(compileMatcher({ matcher: 'glob', value: 'a' }).score).toBe(1);
  });
});
