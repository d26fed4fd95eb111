import { describe, expect, it } from 'vitest';
import { ClientCallError } from './client-call-error.js';
import { createResilientFetch } from './create-resilient-fetch.js';

/** A service answering the given statuses in turn (then 200), counting calls. */
function service(...statuses: number[]) {
  const seen: string[] = [];
  return {
    seen,
    fetch: async (request: Request) => {
      seen.push(`${request.method} ${new URL(request.url).pathname}`);
      return new Response(null, { status: statuses.shift() ?? 200 });
    },
  };
}

const noWait = { sleep: async () => {}, random: () => 0 };

describe('createResilientFetch', () => {
  it('retries an idempotent call on a retryable status and returns the later answer', async () => {
    const s = service(503, 502);
    const send = createResilientFetch({ fetch: s.fetch, ...noWait });
    expect((await send(new Request('http://x.test/a'))).status).toBe(200);
    expect(s.seen).toEqual(['GET /a', 'GET /a', 'GET /a']);
  });

  it('never repeats a POST', async () => {
    const s = service(503);
    const send = createResilientFetch({ fetch: s.fetch, ...noWait });
    const answer = await send(new Request('http://x.test/hook', { method: 'POST', body: '{}' }));
    expect(answer.status).toBe(503);
    expect(s.seen).toEqual(['POST /hook']);
  });

  it('opens its breaker after consecutive 5xx and then fails fast without calling', async () => {
    const s = service(500, 500, 500);
    const send = createResilientFetch({ fetch: s.fetch, retry: false, breaker: { failures: 2 } });
    await send(new Request('http://x.test/a'));
    await send(new Request('http://x.test/a'));
    expect(send.breaker.state).toBe('open');
    const refused = await send(new Request('http://x.test/a')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ClientCallError);
    expect((refused as ClientCallError).kind).toBe('circuit-open');
    expect(s.seen).toHaveLength(2);
  });

  it('times out an attempt, unless timeoutMs is false', async () => {
    const slow = (request: Request) =>
      new Promise<Response>((resolve, reject) => {
        const timer = setTimeout(() => resolve(new Response('late')), 300);
        request.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(request.signal.reason);
        });
      });
    const hasty = createResilientFetch({ fetch: slow, timeoutMs: 50, retry: false });
    await expect(hasty(new Request('http://x.test/a'))).rejects.toMatchObject({ kind: 'timeout' });
    const patient = createResilientFetch({ fetch: slow, timeoutMs: false, retry: false });
    expect(await (await patient(new Request('http://x.test/a'))).text()).toBe('late');
  });
});
