import { describe, expect, it } from 'vitest';
import { colourEnabled, formatStage, palette } from './terminal.js';

describe('formatStage', () => {
  it('prints the verdict line and every failed check, without colour when disabled', () => {
    const text = formatStage(
      {
        name: 'mocked',
        title: 'Each service against mocks',
        status: 'failed',
        durationMs: 12_340,
        summary: '5 services',
        checks: [
          { name: 'inventory: GET /stock/abc', status: 'passed' },
          { name: 'orders: POST /orders', status: 'failed', message: 'answered 503' },
        ],
      },
      palette(false),
    );
    expect(text).toBe(
      '✗ mocked  failed  12.3 s  5 services\n    ✗ orders: POST /orders: answered 503',
    );
  });
});

describe('colourEnabled', () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
  ])('%j on a tty=%s → %s', (env, tty, expected) => {
    expect(colourEnabled(env, tty)).toBe(expected);
  });
});
