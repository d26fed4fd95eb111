import { describe, expect, it } from 'vitest';
import { parseTemplate } from './parse-template.js';
import { RESPONSE_TEMPLATES } from './response-templates.js';

const parse = (text: string) => parseTemplate(text, RESPONSE_TEMPLATES);

describe('parseTemplate', () => {
  it('splits text and expressions once', () => {
    expect(parse("Hi {{request.query.name default='you'}}, {{randomInt 1 6}}!")).toEqual({
      template: {
        segments: [
          'Hi ',
          {
            path: ['request', 'query', 'name'],
            args: [],
            hash: { default: { kind: 'literal', value: 'you' } },
            source: "request.query.name default='you'",
          },
          ', ',
          {
            helper: 'randomInt',
            args: [
              { kind: 'literal', value: 1 },
              { kind: 'literal', value: 6 },
            ],
            hash: {},
            source: 'randomInt 1 6',
          },
          '!',
        ],
        isStatic: false,
      },
      issues: [],
    });
  });

  it('keeps text without expressions static, and \\{{ literal', () => {
    expect(parse('plain')).toEqual({
      template: { segments: ['plain'], isStatic: true },
      issues: [],
    });
    expect(parse('a \\{{b}} c')).toEqual({
      template: { segments: ['a {{b}} c'], isStatic: true },
      issues: [],
    });
  });

  it('reads path arguments and quoted strings with spaces', () => {
    const { template, issues } = parse('{{jsonPath request.body "$.items[0].name"}}');
    expect(issues).toEqual([]);
    expect(template.segments[0]).toEqual({
      helper: 'jsonPath',
      args: [
        { kind: 'path', path: ['request', 'body'] },
        { kind: 'literal', value: '$.items[0].name' },
      ],
      hash: {},
      source: 'jsonPath request.body "$.items[0].name"',
    });
  });

  it('reports unknown helpers, bad lookups, argument counts and options at load time', () => {
    const messages = (text: string) => parse(text).issues.map((i) => i.message);
    expect(messages('{{eval 1}}')).toEqual([
      "unknown helper 'eval' in {{eval 1}}: use one of now, uuid, randomInt, randomString, jsonPointer, jsonPath, or a lookup like request.query.name",
    ]);
    expect(messages('{{process.env.HOME}}')).toEqual([
      "unknown variable 'process.env.HOME': lookups start with request. in {{process.env.HOME}}",
    ]);
    expect(messages('{{request.cookies.a}}')).toEqual([
      "unknown request field 'request.cookies.a': use request.method, request.path, request.query, request.headers, request.body, request.url in {{request.cookies.a}}",
    ]);
    expect(messages('{{randomInt 1}}')).toEqual([
      "helper 'randomInt' takes 2 argument(s), got 1 in {{randomInt 1}}",
    ]);
    expect(messages("{{now zone='utc'}}")).toEqual([
      "helper 'now' has no option 'zone' in {{now zone='utc'}}",
    ]);
    expect(messages('x {{now')).toEqual([
      "'{{' at offset 2 is never closed with '}}' (write \\{{ for a literal)",
    ]);
    expect(messages('{{}}')).toEqual(['empty expression {{}}']);
  });

  it('never accepts code-shaped expressions', () => {
    for (const text of [
      '{{constructor.constructor}}',
      '{{request.body.__proto__}}',
      '{{(1+1)}}',
      '{{toString}}',
    ]) {
      expect(parse(text).issues.length).toBe(1);
    }
  });
});
