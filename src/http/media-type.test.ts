import { describe, expect, it } from 'vitest';
import { parsePrefer } from '../mock/prefer.js';
import { type ExpressionContext, expandTemplate } from '../mock/runtime-expression.js';
import { negotiate, parseAccept } from './media-type.js';

describe('negotiate', () => {
  const offered = ['application/xml', 'application/json', 'text/plain'];

  it('orders ranges by q, then specificity', () => {
    expect(
      parseAccept('text/*;q=0.5, */*;q=0.1, application/json, x/y;q=0').map(
        (r) => `${r.type}/${r.subtype}`,
      ),
    ).toEqual(['application/json', 'text/*', '*/*']);
  });

  it('picks by Accept, prefers JSON without one, and gives up when nothing fits', () => {
    expect(negotiate(offered, undefined)).toEqual({ index: 1, contentType: 'application/json' });
    expect(negotiate(offered, 'text/*')).toEqual({ index: 2, contentType: 'text/plain' });
    expect(negotiate(offered, 'application/json;q=0.2, application/xml')).toEqual({
      index: 0,
      contentType: 'application/xml',
    });
    expect(negotiate(['*/*'], 'image/png')).toEqual({ index: 0, contentType: 'image/png' });
    expect(negotiate(offered, 'image/png')).toBeUndefined();
  });

  it('parses Prefer', () => {
    expect(parsePrefer('code=404, example="missing"; dynamic=true')).toEqual({
      code: '404',
      example: 'missing',
      dynamic: true,
    });
    expect(parsePrefer('respond-async')).toBeUndefined();
  });
});

describe('runtime expressions', () => {
  const context: ExpressionContext = {
    url: 'http://h/x?a=1',
    method: 'POST',
    statusCode: 201,
    requestHeader: (n) => (n === 'x-cb' ? 'http://cb' : undefined),
    requestQuery: (n) => (n === 'a' ? '1' : undefined),
    requestPath: (n) => (n === 'id' ? '9' : undefined),
    requestBody: () => ({ hooks: [{ url: 'http://b' }], 'a/b': 2 }),
    responseHeader: () => undefined,
    responseBody: () => ({ id: 'r1' }),
  };

  it('expands every expression kind', () => {
    expect(
      expandTemplate(
        '{$request.header.X-CB}/{$request.path.id}?s={$statusCode}&m={$method}&a={$request.query.a}',
        context,
      ),
    ).toEqual({
      ok: true,
      value: 'http://cb/9?s=201&m=POST&a=1',
    });
    expect(
      expandTemplate(
        '{$request.body#/hooks/0/url}/{$response.body#/id}/{$request.body#/a~1b}',
        context,
      ),
    ).toEqual({ ok: true, value: 'http://b/r1/2' });
    expect(expandTemplate('$url', context)).toEqual({ ok: true, value: 'http://h/x?a=1' });
    expect(expandTemplate('{$request.body#/nope}', context)).toEqual({
      ok: false,
      reason: '$request.body#/nope has no value in this exchange',
    });
  });
});
