import { describe, expect, it } from 'vitest';
import { interpolate, pick } from './variables.js';

describe('interpolate', () => {
  it('replaces ${name} inside strings, deeply, and keeps the type of a whole-string variable', () => {
    expect(
      interpolate({ path: '/orders/${id}', n: '${count}', list: ['${id}', 1], keep: '${unknown}' }, { id: 'o-1', count: 2 }),
    ).toEqual({ path: '/orders/o-1', n: 2, list: ['o-1', 1], keep: '${unknown}' });
  });
});

describe('pick', () => {
  it('reads dotted paths through objects and arrays', () => {
    const value = { order: { id: 'o-1' }, orders: [{ id: 'o-2' }] };
    expect(pick(value, 'order.id')).toBe('o-1');
    expect(pick(value, 'orders.0.id')).toBe('o-2');
    expect(pick(value, 'order.missing.deeper')).toBeUndefined();
  });
});
