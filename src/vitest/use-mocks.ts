import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import {
  formatMisses,
  type MockMiss,
  MockSession,
  type MockSessionOptions,
} from './mock-session.js';

export interface UseMocksOptions<K extends string> extends MockSessionOptions<K> {
  /** Fail a test that made requests no contract describes (default true). */
  failOnUnmatched?: boolean;
}

export interface Mocks<K extends string> {
  /** Base URL of each mock by the keys of `contracts` (read it inside tests or hooks). */
  readonly urls: Readonly<Record<K, string>>;
  /** The current test's session id. */
  readonly session: string;
  /** Headers that put a request in the current test's session (`X-Gauntlet-Session`). */
  headers(): Record<string, string>;
  /** `fetch` that adds the session header. */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Unmatched requests of the current test so far. */
  readonly misses: readonly MockMiss[];
}

/**
 * Starts `gauntlet mock` for each named contract set once per test file (port 0), gives typed
 * base URLs, a session per test (the `X-Gauntlet-Session` header, sent by `mocks.fetch` or added
 * from `mocks.headers()`), and fails the test that made requests no contract describes, with the
 * mock's explanation of the closest operations.
 *
 * @example
 * const mocks = useMocks({ contracts: { orders: 'contracts/openapi/orders.yaml' } });
 * it('reads an order', async () => {
 *   const res = await mocks.fetch(`${mocks.urls.orders}/orders/o-1`, { headers: { 'x-user': 'ann' } });
 *   expect(res.status).toBe(200);
 * });
 */
export function useMocks<K extends string>(options: UseMocksOptions<K>): Mocks<K> {
  const session = new MockSession(options);
  const fail = options.failOnUnmatched ?? true;
  beforeAll(() => session.start());
  afterAll(() => session.stop());
  beforeEach((context) => {
    session.beginTest(context.task.name);
  });
  afterEach(async () => {
    const misses = await session.endTest();
    if (fail && misses.length > 0) throw new Error(formatMisses(misses));
  });
  return {
    get urls() {
      return session.urls;
    },
    get session() {
      return session.session;
    },
    get misses() {
      return session.misses;
    },
    headers: () => session.headers(),
    fetch: session.fetch,
  };
}
