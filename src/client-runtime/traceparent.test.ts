import { describe, expect, it } from 'vitest';
import { nextTraceparent } from './traceparent.js';

describe('nextTraceparent', () => {
  const parent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('continues the parent trace with a new span id and the same flags', () => {
    const child = nextTraceparent(parent.toUpperCase());
    expect(child).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(child.split('-')[2]).not.toEqual('00f067aa0ba902b7');
  });

  it('starts a new sampled trace without a valid parent', () => {
    for (const given of [undefined, 'garbage', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`]) {
      const fresh = nextTraceparent(given);
      expect(fresh, String(given)).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(fresh.split('-')[1]).not.toEqual('0'.repeat(32));
    }
  });
});
