import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../util/random.js';
import type { MockRequest } from '../types.js';
import { parseTemplate } from './parse-template.js';
import { renderTemplate } from './render-template.js';
import { createRequestContext, RESPONSE_TEMPLATES } from './response-templates.js';

const clock = new Date('2025-03-04T05:06:07.890Z');

function render(
  text: string,
  request: Partial<MockRequest> = {},
  params: Record<string, string> = {},
  seed = 1,
) {
  const { template, issues } = parseTemplate(text, RESPONSE_TEMPLATES);
  expect(issues).toEqual([]);
  const full: MockRequest = { method: 'GET', path: '/', query: '', headers: {}, ...request };
  const context = createRequestContext(full, {
    params,
    now: () => clock,
    random: seededRandom(seed),
  });
  return renderTemplate(template, context, RESPONSE_TEMPLATES);
}

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('response templates', () => {
  it('reads the request: method, url, path parameters, query, headers', () => {
    const request = {
      method: 'POST',
      path: '/stock/abc',
      query: 'page=2&tag=a&tag=b',
      headers: { 'x-foo': 'bar', accept: ['a', 'b'] },
    };
    expect(
      render(
        '{{request.method}} {{request.url}} sku={{request.path.sku}} page={{request.query.page}} tag={{request.query.tag}} foo={{request.headers.X-Foo}} accept={{request.headers.accept}}',
        request,
        { sku: 'abc' },
      ),
    ).toBe('POST /stock/abc?page=2&tag=a&tag=b sku=abc page=2 tag=a foo=bar accept=a, b');
  });

  it('uses default= for missing values', () => {
    expect(render("{{request.query.page default='1'}}|{{request.headers.x-none}}")).toBe('1|');
  });

  it('reads the JSON body by pointer and by JSONPath', () => {
    const body = json({ items: [{ name: 'pen', qty: 2 }], 'a/b': true });
    expect(
      render(
        "{{jsonPointer request.body '/items/0/name'}} {{jsonPath request.body '$.items[0].qty'}} {{jsonPointer request.body '/a~1b'}} {{jsonPath request.body '$.items'}}",
        { body },
      ),
    ).toBe('pen 2 true [{"name":"pen","qty":2}]');
    expect(render('{{request.body}}', { body })).toBe(
      '{"items":[{"name":"pen","qty":2}],"a/b":true}',
    );
  });

  it('renders nothing for a body that is not JSON or a JSONPath with a script', () => {
    expect(
      render("[{{jsonPointer request.body '/a'}}]", { body: new TextEncoder().encode('not json') }),
    ).toBe('[]');
    expect(render("[{{jsonPath request.body '$[?(@.a)]'}}]", { body: json([{ a: 1 }]) })).toBe(
      '[]',
    );
  });

  it('formats the injected clock', () => {
    expect(
      render(
        "{{now}} {{now format='epoch'}} {{now format='unix'}} {{now format='date'}} {{now format='http'}}",
      ),
    ).toBe(
      '2025-03-04T05:06:07.890Z 1741064767890 1741064767 2025-03-04 Tue, 04 Mar 2025 05:06:07 GMT',
    );
    expect(render("{{now offset='+1h'}} {{now offset='-2d' format='date'}}")).toBe(
      '2025-03-04T06:06:07.890Z 2025-03-02',
    );
  });

  it('draws uuid and random values from the seed', () => {
    const text = '{{uuid}} {{randomInt 1 10}} {{randomString 6}}';
    const a = render(text, {}, {}, 7);
    expect(render(text, {}, {}, 7)).toBe(a);
    expect(render(text, {}, {}, 8)).not.toBe(a);
    expect(a).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12} ([1-9]|10) [A-Za-z0-9]{6}$/,
    );
  });

  it('keeps randomInt within bounds', () => {
    const { template } = parseTemplate('{{randomInt 3 5}}', RESPONSE_TEMPLATES);
    const request: MockRequest = { method: 'GET', path: '/', query: '', headers: {} };
    const context = createRequestContext(request, { now: () => clock, random: seededRandom(2) });
    const seen = new Set(
      Array.from({ length: 200 }, () => renderTemplate(template, context, RESPONSE_TEMPLATES)),
    );
    expect([...seen].sort()).toEqual(['3', '4', '5']);
  });
});
