import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../util/random.js';
import { compileJsonTemplate, renderJsonTemplate } from './json-template.js';
import { createRequestContext, RESPONSE_TEMPLATES } from './response-templates.js';

describe('JSON templates', () => {
  it('keeps static subtrees and types single-expression strings', () => {
    const value = {
      sku: '{{request.path.sku}}',
      n: '{{randomInt 5 5}}',
      note: 'n={{randomInt 5 5}}',
      fixed: { a: [1, 'x'] },
    };
    const { template, issues } = compileJsonTemplate(value, RESPONSE_TEMPLATES);
    expect(issues).toEqual([]);
    expect(template.kind).toBe('object');
    if (template.kind === 'object')
      expect(template.entries[3]).toEqual(['fixed', { kind: 'static', value: { a: [1, 'x'] } }]);
    const context = createRequestContext(
      { method: 'GET', path: '/stock/abc', query: '', headers: {} },
      { params: { sku: 'abc' }, now: () => new Date(0), random: seededRandom(1) },
    );
    expect(renderJsonTemplate(template, context, RESPONSE_TEMPLATES)).toEqual({
      sku: 'abc',
      n: 5,
      note: 'n=5',
      fixed: { a: [1, 'x'] },
    });
  });

  it('reports issues with the pointer of the string', () => {
    const { issues } = compileJsonTemplate(
      { items: [{ 'a/b': '{{nope}}' }] },
      RESPONSE_TEMPLATES,
      '/body',
    );
    expect(issues.map((i) => i.pointer)).toEqual(['/body/items/0/a~1b']);
  });
});
