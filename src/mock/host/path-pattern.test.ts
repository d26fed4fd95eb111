import { describe, expect, it } from 'vitest';
import { compilePathPattern } from './path-pattern.js';

describe('compilePathPattern', () => {
  it.each([
    ['/orders', '/orders', true],
    ['/orders', '/orders/1', false],
    ['/orders/*', '/orders/1', true],
    ['/orders/*', '/orders/1/items', false],
    ['/orders/*', '/orders/', true],
    ['/orders/**', '/orders/1/items', true],
    ['/orders/*/items', '/orders/42/items', true],
    ['/*.json', '/a.json', true],
    ['/*.json', '/ajson', false],
    // Regex characters are literal: a pattern cannot be a regex (or a ReDoS).
    ['/a.b', '/axb', false],
    ['/(a+)+$', '/(a+)+$', true],
  ])('%s against %s → %s', (pattern, path, expected) => {
    expect(compilePathPattern(pattern)(path)).toBe(expected);
  });
});
