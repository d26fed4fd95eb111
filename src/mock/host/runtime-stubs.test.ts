import { describe, expect, it } from 'vitest';
import type { PatternSubject } from './request-pattern.js';
import { RuntimeStubs } from './runtime-stubs.js';

const get = (path: string, headers: Record<string, string> = {}): PatternSubject => ({
  method: 'GET',
  path,
  query: '',
  headers,
  session: undefined,
});

describe('RuntimeStubs', () => {
  it('tries lower priority numbers first, then the newest stub', () => {
    const stubs = new RuntimeStubs();
    stubs.add({ id: 'old', request: { path: '/a' }, response: { status: 200 } });
    stubs.add({ id: 'new', request: { path: '/a' }, response: { status: 201 } });
    stubs.add({
      id: 'late-but-low',
      request: { path: '/a' },
      response: { status: 202 },
      priority: 5,
    });
    expect(stubs.list().map((s) => s.id)).toEqual(['new', 'old', 'late-but-low']);
    expect(stubs.match(get('/a'))?.id).toBe('new');
    stubs.add({ id: 'urgent', request: { path: '/a' }, response: { status: 503 }, priority: -1 });
    expect(stubs.match(get('/a'))?.response.status).toBe(503);
  });

  it('replaces a stub added again under the same id', () => {
    const stubs = new RuntimeStubs();
    stubs.add({ id: 'x', request: { path: '/a' }, response: { status: 200 } });
    stubs.add({ id: 'x', request: { path: '/b' }, response: { status: 204 } });
    expect(stubs.size).toBe(1);
    expect(stubs.match(get('/a'))).toBeUndefined();
    expect(stubs.match(get('/b'))?.response.status).toBe(204);
  });

  it('builds the answer once: text as text/plain, other JSON values as application/json', () => {
    const stubs = new RuntimeStubs();
    stubs.add({ id: 't', request: { path: '/t' }, response: { status: 200, body: 'hi' } });
    stubs.add({
      id: 'j',
      request: { path: '/j' },
      response: { status: 200, body: [1], headers: { 'Content-Type': 'application/vnd.x+json' } },
    });
    const t = stubs.match(get('/t'))!.response;
    const j = stubs.match(get('/j'))!.response;
    expect([t.headers, new TextDecoder().decode(t.body)]).toEqual([
      [['Content-Type', 'text/plain; charset=utf-8']],
      'hi',
    ]);
    expect([j.headers, new TextDecoder().decode(j.body)]).toEqual([
      [['Content-Type', 'application/vnd.x+json']],
      '[1]',
    ]);
    expect(stubs.match(get('/j'))!.response).toBe(j);
  });
});
