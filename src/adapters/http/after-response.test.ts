import { describe, expect, it } from 'vitest';
import type { AfterResponse } from '../../mock/types.js';
import { createAfterResponseRunner } from './after-response.js';

interface Call {
  url: string;
  method: string | undefined;
  headers: unknown;
  body: string | null;
}

function fakeFetch(answer: (url: string) => Promise<Response>, calls: Call[]): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const body = init?.body instanceof Uint8Array ? Buffer.from(init.body).toString('utf8') : null;
    calls.push({ url, method: init?.method, headers: init?.headers, body });
    return answer(url);
  }) as typeof fetch;
}

const callback = (name: string, url: string): AfterResponse => ({
  kind: 'callback',
  name,
  method: 'POST',
  url,
  headers: [['Content-Type', 'application/json']],
  body: new TextEncoder().encode('{"ok":true}'),
});

describe('createAfterResponseRunner', () => {
  it('posts callbacks with their method, headers and body', async () => {
    const calls: Call[] = [];
    const warnings: string[] = [];
    const run = createAfterResponseRunner({
      warn: (l) => warnings.push(l),
      fetch: fakeFetch(async () => new Response(null, { status: 204 }), calls),
    });
    run([callback('onEvent', 'http://hooks.test/a')]);
    await run.idle();
    expect(calls).toEqual([
      {
        url: 'http://hooks.test/a',
        method: 'POST',
        headers: [['Content-Type', 'application/json']],
        body: '{"ok":true}',
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it('warns once per distinct failure: error answers, network errors, timeouts', async () => {
    const warnings: string[] = [];
    const run = createAfterResponseRunner({
      warn: (l) => warnings.push(l),
      callbackTimeoutMs: 20,
      fetch: fakeFetch(async (url) => {
        if (url.endsWith('/500')) return new Response('no', { status: 500 });
        if (url.endsWith('/down'))
          throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
        throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      }, []),
    });
    run([callback('a', 'http://h/500'), callback('a', 'http://h/500')]);
    run([callback('b', 'http://h/down')]);
    run([callback('c', 'http://h/slow')]);
    await run.idle();
    // Callbacks settle in any order; each line appears once.
    expect([...warnings].sort()).toEqual([
      '[gauntlet] callback a failed: POST http://h/500 answered 500.',
      '[gauntlet] callback b failed: POST http://h/down: fetch failed (connect ECONNREFUSED).',
      '[gauntlet] callback c failed: POST http://h/slow: no answer within 20 ms.',
    ]);
  });

  it('prints engine warnings once each', () => {
    const warnings: string[] = [];
    const run = createAfterResponseRunner({ warn: (l) => warnings.push(l) });
    const warning: AfterResponse = {
      kind: 'warning',
      code: 'mock.example.invalid',
      message: 'bad example',
    };
    run([warning]);
    run([warning, { kind: 'warning', code: 'mock.x', message: 'other' }]);
    expect(warnings).toEqual([
      '[gauntlet] warning (mock.example.invalid): bad example',
      '[gauntlet] warning (mock.x): other',
    ]);
  });
});
