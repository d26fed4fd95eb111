import { describe, expect, it } from 'vitest';
import { compareXml } from './xml-body.js';

const response = { rules: undefined, allowUnexpectedKeys: true };
const messages = (e: string, a: string, ctx = response as Parameters<typeof compareXml>[2]) =>
  compareXml(e, a, ctx).map((m) => `${m.path}: ${m.message}`);

describe('compareXml', () => {
  it('compares attributes, children and text', () => {
    expect(messages('<a id="1"><b>x</b><c/></a>', '<a id="2" extra="y"><b>z</b></a>')).toEqual([
      "$.a.@id: Expected '2' to be equal to '1'",
      "$.a.b.#text: Expected 'z' to be equal to 'x'",
      '$.a: Expected child <c/> but was missing',
    ]);
  });

  it('ignores namespace prefixes but not namespaces', () => {
    expect(messages('<x:a xmlns:x="urn:n"/>', '<y:a xmlns:y="urn:n"/>')).toEqual([]);
    expect(messages('<x:a xmlns:x="urn:n"/>', '<x:a xmlns:x="urn:other"/>')).toEqual([
      "$.urn:n:a: Expected 'urn:other:a' to be equal to 'urn:n:a'",
    ]);
  });

  it('applies rules on attributes and text, and type rules to repeated children', () => {
    const ctx = {
      allowUnexpectedKeys: true,
      rules: {
        '$.people.person': { combine: 'AND' as const, matchers: [{ match: 'type' }] },
        "$.people.person['@age']": {
          combine: 'AND' as const,
          matchers: [{ match: 'integer' }],
        },
      },
    };
    expect(
      messages(
        '<people><person age="1">Fred</person></people>',
        '<people><person age="30">Ann</person><person age="x">Bo</person></people>',
        ctx,
      ),
    ).toEqual(["$.people.person.@age: Expected 'x' to be an integer number"]);
  });

  it('reports unparseable XML', () => {
    expect(messages('<a/>', '<a>')).toHaveLength(1);
  });

  it('forbids unexpected children and attributes in requests', () => {
    const ctx = { rules: undefined, allowUnexpectedKeys: false };
    expect(messages('<a><b/></a>', '<a n="1"><b/><c/></a>', ctx)).toEqual([
      '$.a: Did not expect any attributes but received {"n":"1"}',
      '$.a: Unexpected child <c/>',
    ]);
  });
});
