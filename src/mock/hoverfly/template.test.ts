import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../util/random.js';
import { compileTemplate, formatGoTime, type TemplateContext } from './template.js';

const context = (over: Partial<TemplateContext> = {}): TemplateContext => ({
  request: {
    method: 'POST',
    scheme: 'http',
    host: 'api.example.com',
    path: ['pets', '42'],
    query: { page: ['2'], tag: ['a', 'b'] },
    headers: { 'x-request-id': ['abc'] },
    form: {},
    body: '{"id":7,"name":"Rex & co","items":[{"n":1},{"n":2}]}',
  },
  state: { basket: 'eggs' },
  literals: { greeting: 'hi' },
  variables: { id: { function: 'randomIntegerRange', arguments: [5, 5] } },
  random: seededRandom(1),
  now: () => new Date('2024-03-05T14:07:09.120Z'),
  ...over,
});

const render = (t: string, c = context()) => compileTemplate(t).render(c);

describe('hoverfly templates', () => {
  it('reads the request: path, query, header, method, host, scheme', () => {
    expect(
      render(
        '{{ Request.Method }} {{ Request.Scheme }}://{{ Request.Host }}/{{ Request.Path.[0] }}/{{ Request.Path.[1] }}?page={{ Request.QueryParam.page }}&t={{ Request.QueryParam.tag.[1] }} id={{ Request.Header.X-Request-Id }}',
      ).text,
    ).toBe('POST http://api.example.com/pets/42?page=2&t=b id=abc');
  });

  it('selects from the body with jsonpath and escapes unless triple-braced', () => {
    expect(render("{{ Request.Body 'jsonpath' '$.id' }}").text).toBe('7');
    expect(render("{{ Request.Body 'jsonpath' '$.name' }}").text).toBe('Rex &amp; co');
    expect(render("{{{ Request.Body 'jsonpath' '$.name' }}}").text).toBe('Rex & co');
  });

  it('reads state, literals and variables', () => {
    expect(render('{{ State.basket }} {{ Literals.greeting }} {{ Vars.id }}').text).toBe(
      'eggs hi 5',
    );
  });

  it('formats now with an offset and a Go layout', () => {
    expect(render("{{ now '' '' }}").text).toBe('2024-03-05T14:07:09Z');
    expect(render("{{ now '1d' '2006-01-02' }}").text).toBe('2024-03-06');
    expect(render("{{ now '-1h' 'unix' }}").text).toBe(
      String((Date.parse('2024-03-05T13:07:09.120Z') / 1000) | 0),
    );
    expect(formatGoTime(new Date('2024-03-05T04:07:09.120Z'), 'Mon Jan 02 15:04:05.000')).toBe(
      'Tue Mar 05 04:07:09.120',
    );
  });

  it('draws seeded random values, the same for the same seed', () => {
    const a = render(
      '{{ randomUuid }} {{ randomIntegerRange 1 6 }} {{ randomStringLength 4 }}',
    ).text;
    const b = render(
      '{{ randomUuid }} {{ randomIntegerRange 1 6 }} {{ randomStringLength 4 }}',
    ).text;
    expect(a).toBe(b);
    expect(a).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12} [1-6] [A-Za-z0-9]{4}$/,
    );
  });

  it('runs if/else, each and equal blocks', () => {
    expect(render('{{#if Request.QueryParam.page}}yes{{else}}no{{/if}}').text).toBe('yes');
    expect(render('{{#if Request.QueryParam.none}}yes{{else}}no{{/if}}').text).toBe('no');
    expect(render('{{#each Request.QueryParam.tag}}[{{@index}}:{{this}}]{{/each}}').text).toBe(
      '[0:a][1:b]',
    );
    expect(render("{{#equal Request.Method 'POST'}}post{{else}}other{{/equal}}").text).toBe('post');
  });

  it('never evaluates code: unknown helpers render empty and are reported', () => {
    const out = render("{{ constructor.constructor 'return 1' }}x{{ journal 'a' }}");
    expect(out.text).toBe('x');
    expect(out.problems).toEqual(["unknown template helper 'journal'"]);
  });
});
