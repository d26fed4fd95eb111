import { describe, expect, it } from 'vitest';
import { requestUrl, shellQuote, toCurl } from './curl.js';

describe('toCurl', () => {
  it('reproduces method, URL with query, sorted headers and the body', () => {
    expect(
      toCurl('http://127.0.0.1:4102/', {
        method: 'POST',
        path: '/reservations',
        query: [['dry run', 'yes & no']],
        headers: { 'x-user': 'alice', 'content-type': 'application/json' },
        body: `{"note":"it's"}`,
      }),
    ).toBe(
      `curl -X POST 'http://127.0.0.1:4102/reservations?dry%20run=yes%20%26%20no' -H 'content-type: application/json' -H 'x-user: alice' --data-raw '{"note":"it'\\''s"}'`,
    );
  });

  it('quotes for a POSIX shell and joins base URL and path with one slash', () => {
    expect(shellQuote(`a'b`)).toBe(`'a'\\''b'`);
    expect(
      requestUrl('http://h:1/api/', { method: 'GET', path: '/x', query: [], headers: {} }),
    ).toBe('http://h:1/api/x');
  });
});
