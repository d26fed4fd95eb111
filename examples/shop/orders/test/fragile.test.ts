import { describe, expect, it } from 'vitest';
import { callPolicy } from '../src/clients/call-policy.js';
import { createInventoryClient } from '../src/clients/inventory.js';
import { optionsFromEnv } from '../src/options-from-env.js';

// GAUNTLET_SHOP_FRAGILE=1 is the switch chaos experiments flip: orders then calls its
// dependencies with no timeout, no retry limit and no breaker. It must change those client
// options and nothing else, and the clients must really behave that way.

describe('GAUNTLET_SHOP_FRAGILE=1', () => {
  it('sets one start option, fragile, and leaves the others alone', () => {
    const env = { PORT: '0', INVENTORY_URL: 'http://127.0.0.1:1', CALL_TIMEOUT_MS: '300' };
    const sturdy = optionsFromEnv(env);
    const fragile = optionsFromEnv({ ...env, GAUNTLET_SHOP_FRAGILE: '1' });
    expect(sturdy.fragile).toBe(false);
    expect(fragile).toEqual({ ...sturdy, fragile: true });
    expect(optionsFromEnv({ ...env, GAUNTLET_SHOP_FRAGILE: '0' }).fragile).toBe(false);
  });

  it('changes exactly the timeout, the retry limit and the breaker of the call policy', () => {
    const sturdy = callPolicy({ timeoutMs: 300 });
    const fragile = callPolicy({ timeoutMs: 300, fragile: true });
    expect(sturdy).toMatchObject({
      timeoutMs: 300,
      retry: { attempts: 3 },
      breaker: { failures: 5, halfOpenAfterMs: 5_000 },
    });
    const retry = sturdy.retry === false ? {} : sturdy.retry;
    expect(fragile).toEqual({
      ...sturdy,
      timeoutMs: false,
      retry: { ...retry, attempts: Number.POSITIVE_INFINITY },
      breaker: false,
    });
  });
});

/** A dependency that answers 503 to the first `failures` requests, then 204. */
function flaky(failures: number): {
  fetch: (r: Request) => Promise<Response>;
  calls: () => number;
} {
  let calls = 0;
  return {
    calls: () => calls,
    fetch: async () => {
      calls += 1;
      return calls <= failures
        ? new Response('{"title":"down"}', { status: 503 })
        : new Response(null, { status: 204 });
    },
  };
}

/** A dependency that answers only when told to (or never), and stops when the caller aborts. */
function hanging(): { fetch: (r: Request) => Promise<Response>; answer: () => void } {
  let answer = () => {};
  return {
    answer: () => answer(),
    fetch: (request) =>
      new Promise((resolve, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason));
        answer = () =>
          resolve(
            Response.json({ id: 'r-1', sku: 'abc', quantity: 1, orderId: 'o-1' }, { status: 201 }),
          );
      }),
  };
}

describe('the inventory client with and without the switch', () => {
  const reserve = { sku: 'abc', quantity: 1, orderId: 'o-1' };

  it('sturdy: a hanging inventory times out; fragile: the call is still waiting', async () => {
    const sturdy = hanging();
    await expect(
      createInventoryClient({
        baseUrl: 'http://inventory.test',
        timeoutMs: 100,
        fetch: sturdy.fetch,
      }).reserve(reserve),
    ).rejects.toMatchObject({ failure: 'timeout' });
    const fragile = hanging();
    const waiting = createInventoryClient({
      baseUrl: 'http://inventory.test',
      timeoutMs: 100,
      fetch: fragile.fetch,
      fragile: true,
    }).reserve(reserve);
    const outcome = await Promise.race([
      waiting.then(
        () => 'answered',
        () => 'failed',
      ),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 1_000)),
    ]);
    expect(outcome).toBe('still waiting');
    // However late the answer comes, it is taken.
    fragile.answer();
    expect((await waiting).ok).toBe(true);
  });

  it('sturdy: an idempotent release gives up after 3 attempts; fragile: it retries until it works', async () => {
    const sturdy = flaky(10);
    await expect(
      createInventoryClient({
        baseUrl: 'http://inventory.test',
        backoffMs: 1,
        fetch: sturdy.fetch,
      }).release('r-1'),
    ).rejects.toMatchObject({ failure: 'server-error' });
    expect(sturdy.calls()).toBe(3);
    const fragile = flaky(10);
    const client = createInventoryClient({
      baseUrl: 'http://inventory.test',
      backoffMs: 1,
      fetch: fragile.fetch,
      fragile: true,
    });
    expect(await client.release('r-1')).toBe(true);
    expect(fragile.calls()).toBe(11);
  });

  it('sturdy: the breaker opens after 5 failures; fragile: every call reaches inventory', async () => {
    const sturdy = flaky(100);
    const guarded = createInventoryClient({
      baseUrl: 'http://inventory.test',
      fetch: sturdy.fetch,
    });
    for (let i = 0; i < 5; i++) {
      await expect(guarded.reserve(reserve)).rejects.toMatchObject({ failure: 'server-error' });
    }
    await expect(guarded.reserve(reserve)).rejects.toMatchObject({ failure: 'circuit-open' });
    expect(sturdy.calls()).toBe(5);
    const fragile = flaky(100);
    const open = createInventoryClient({
      baseUrl: 'http://inventory.test',
      fetch: fragile.fetch,
      fragile: true,
    });
    for (let i = 0; i < 8; i++) {
      await expect(open.reserve(reserve)).rejects.toMatchObject({ failure: 'server-error' });
    }
    expect(fragile.calls()).toBe(8);
    expect(open.breaker.state).toBe('closed');
  });
});
