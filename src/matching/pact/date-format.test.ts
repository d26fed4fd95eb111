import { describe, expect, it } from 'vitest';
import { validateDateTime } from './date-format.js';

describe('validateDateTime', () => {
  it.each([
    ['2024-03-05', 'yyyy-MM-dd'],
    ['05/03/24', 'dd/MM/yy'],
    ['14:05:09', 'HH:mm:ss'],
    ['2:05 PM', 'h:mm a'],
    ['Tue, 05 Mar 2024 14:05:09 GMT', 'EEE, dd MMM yyyy HH:mm:ss z'],
    ['2024-03-05T14:05:09.123+0100', "yyyy-MM-dd'T'HH:mm:ss.SSSZ"],
    ['2024-03-05T14:05:09Z', "yyyy-MM-dd'T'HH:mm:ssXXX"],
    ['It is 2024', "'It is' yyyy"],
  ])('accepts %s for %s', (value, pattern) => {
    expect(validateDateTime(value, pattern)).toBeUndefined();
  });

  it.each([
    ['2024-13-05', 'yyyy-MM-dd', 'month 13 is out of range'],
    ['2024-04-31', 'yyyy-MM-dd', 'day 31 is out of range for month 4'],
    ['25:00', 'HH:mm', 'hour 25 is out of range'],
    ['2024/03/05', 'yyyy-MM-dd', "'2024/03/05' does not have the shape of 'yyyy-MM-dd'"],
    ['x', 'yyyy-MM-dd qqqqq B', "unsupported pattern letter 'B'"],
  ])('rejects %s for %s', (value, pattern, reason) => {
    expect(validateDateTime(value, pattern)).toBe(reason);
  });
});
