import { describe, expect, it } from 'vitest';
import { countChecks, statusOf } from './stage-result.js';

describe('statusOf', () => {
  it.each([
    [[], 'skipped'],
    [['skipped', 'skipped'], 'skipped'],
    [['passed', 'skipped'], 'passed'],
    [['passed', 'failed', 'skipped'], 'failed'],
  ] as const)('%j → %s', (statuses, expected) => {
    expect(statusOf(statuses.map((status) => ({ name: 'c', status })))).toBe(expected);
  });
});

describe('countChecks', () => {
  it('counts each status, leaving out zeros', () => {
    const checks = [
      { name: 'a', status: 'passed' as const },
      { name: 'b', status: 'passed' as const },
      { name: 'c', status: 'skipped' as const },
    ];
    expect(countChecks(checks)).toBe('2 passed, 1 skipped');
    expect(countChecks([])).toBe('nothing to check');
  });
});
