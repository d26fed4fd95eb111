import { describe, expect, it } from 'vitest';
import { interpolate, pick } from './variables.js';

/** `${name}` as scenarios write it (built, so the linter does not take it for a template). */
const ref = (name: string): string => `$${'{'}${name}}`;

describe('interpolate', () => {
  it(
    'replaces ' +
      ref('name') +
      ' inside strings, deeply, and keeps the type of a whole-string variable',
    () => {
      expect(
        interpolate(
          {
            path: `/orders/${ref('id')}`,
            n: ref('count'),
            list: [ref('id'), 1],
            keep: ref('unknown'),
          },
          { id: 'o-1', count: 2 },
        ),
      ).toEqual({ path: '/orders/o-1', n: 2, list: ['o-1', 1], keep: ref('unknown') });
    },
  );
});

describe('pick', () => {
  it('reads dotted paths through objects and arrays', () => {
    const value = { order: { id: 'o-1' }, orders: [{ id: 'o-2' }] };
    expect(pick(value, 'order.id')).toBe('o-1');
    expect(pick(value, 'orders.0.id')).toBe('o-2');
    expect(pick(value, 'order.missing.deeper')).toBeUndefined();
  });
});
