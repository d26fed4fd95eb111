import { loadContracts } from '../adapters/fs/load-services.js';
import { type RunningMock, type StartMockOptions, startMock } from '../adapters/http/start-mock.js';
import { MOCK_CODES } from '../mock/codes.js';
import type { MockEngine } from '../mock/types.js';

/** The header that tells the mock which test a request belongs to. */
export const SESSION_HEADER = 'x-gauntlet-session';

/** A request the mock had no operation for, with the engine's explanation. */
export interface MockMiss {
  /** The key of `contracts` the request went to. */
  mock: string;
  method: string;
  /** Path and query as received. */
  target: string;
  status: number;
  /** The mock's explanation: its problem `detail`, then each diagnostic (near misses). */
  explanation: string;
}

export interface MockSessionOptions<K extends string>
  extends Pick<StartMockOptions, 'validateRequests' | 'cors' | 'seed'> {
  /** Name → contract files or folders; each name gets its own mock server and base URL. */
  contracts: Readonly<Record<K, string | readonly string[]>>;
  /** Folder relative contract paths are resolved against (default: process.cwd()). */
  cwd?: string;
}

const LOG_LINE = /^(\S+) (\S+) → (\d{3}) /;
const MISS_CODES = new Set<string>([MOCK_CODES.routeNotFound, MOCK_CODES.methodNotAllowed]);
const decoder = new TextDecoder();

/**
 * Asks the engine again for a request the log reported as 404/405: a route miss does not depend
 * on headers or body, so the answer (and its near-miss diagnostics) is the one that was sent.
 * Returns undefined when the 404/405 came from the contract itself.
 */
function explainMiss(engine: MockEngine, method: string, target: string): string | undefined {
  const q = target.indexOf('?');
  const answer = engine.handle({
    method,
    path: q === -1 ? target : target.slice(0, q),
    query: q === -1 ? '' : target.slice(q + 1),
    headers: {},
  });
  if (answer.body === undefined) return undefined;
  let problem: unknown;
  try {
    problem = JSON.parse(decoder.decode(answer.body));
  } catch {
    return undefined;
  }
  if (problem === null || typeof problem !== 'object') return undefined;
  const { detail, diagnostics } = problem as { detail?: unknown; diagnostics?: unknown };
  if (!Array.isArray(diagnostics)) return undefined;
  const messages = diagnostics.flatMap((d: unknown) =>
    d !== null && typeof d === 'object' && typeof (d as { message?: unknown }).message === 'string'
      ? [
          {
            code: String((d as { code?: unknown }).code),
            message: (d as { message: string }).message,
          },
        ]
      : [],
  );
  if (!messages.some((m) => MISS_CODES.has(m.code))) return undefined;
  return [String(detail ?? ''), ...messages.map((m) => `  - ${m.message}`)].join('\n');
}

/**
 * The mocks of one test file: started once, with a session per test and the unmatched requests
 * of each test collected. `useMocks` wires it to vitest's hooks; it is usable on its own.
 *
 * @example
 * const session = new MockSession({ contracts: { orders: 'contracts/openapi/orders.yaml' } });
 * await session.start();
 * session.beginTest('places an order');
 * await session.fetch(`${session.urls.orders}/orders/o-1`);
 * session.endTest(); // [] — or the misses, with the mock's explanation
 * await session.stop();
 */
export class MockSession<K extends string> {
  readonly #options: MockSessionOptions<K>;
  readonly #running = new Map<K, RunningMock>();
  #urls: Partial<Record<K, string>> = {};
  #session = '';
  #misses: MockMiss[] = [];
  #tests = 0;

  constructor(options: MockSessionOptions<K>) {
    this.#options = options;
  }

  /** Base URL of each mock, by the keys of `contracts` (after start). */
  get urls(): Readonly<Record<K, string>> {
    return this.#urls as Record<K, string>;
  }

  /** The current test's session id (sent as X-Gauntlet-Session by `fetch`). */
  get session(): string {
    return this.#session;
  }

  /** The misses of the current test so far. */
  get misses(): readonly MockMiss[] {
    return this.#misses;
  }

  async start(): Promise<void> {
    const cwd = this.#options.cwd ?? process.cwd();
    const entries = Object.entries(this.#options.contracts) as Array<[K, string | string[]]>;
    try {
      for (const [key, contracts] of entries) {
        const services = await loadContracts(
          typeof contracts === 'string' ? [contracts] : [...contracts],
          cwd,
        );
        let running: RunningMock | undefined;
        const log = (line: string): void => {
          const match = LOG_LINE.exec(line);
          if (match === null || running === undefined) return;
          const status = Number(match[3]);
          if (status !== 404 && status !== 405) return;
          const method = match[1]!;
          const target = match[2]!;
          const explanation = explainMiss(running.engine, method, target);
          if (explanation !== undefined) {
            this.#misses.push({ mock: key, method, target, status, explanation });
          }
        };
        running = await startMock({
          services,
          cwd,
          port: 0,
          log,
          warn: () => {},
          ...(this.#options.validateRequests !== undefined
            ? { validateRequests: this.#options.validateRequests }
            : {}),
          ...(this.#options.cors !== undefined ? { cors: this.#options.cors } : {}),
          ...(this.#options.seed !== undefined ? { seed: this.#options.seed } : {}),
        });
        this.#running.set(key, running);
        this.#urls[key] = running.url;
      }
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Starts a test: a new session id, no misses yet. */
  beginTest(name: string): void {
    this.#tests += 1;
    const slug = name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 48);
    this.#session = `t${this.#tests}${slug === '' ? '' : `-${slug}`}`;
    this.#misses = [];
  }

  /** Ends the test; returns its misses (the log of a response arrives once it is sent, so wait a tick). */
  async endTest(): Promise<MockMiss[]> {
    await new Promise((resolve) => setImmediate(resolve));
    const misses = this.#misses;
    this.#misses = [];
    return misses;
  }

  /** Headers that put a request in the current test's session. */
  headers(): Record<string, string> {
    return { [SESSION_HEADER]: this.#session };
  }

  /** `fetch` with the current test's session header added. */
  readonly fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(
      init?.headers ?? (input instanceof Request ? input.headers : undefined),
    );
    headers.set(SESSION_HEADER, this.#session);
    return globalThis.fetch(input, { ...init, headers });
  };

  async stop(): Promise<void> {
    const running = [...this.#running.values()];
    this.#running.clear();
    await Promise.all(running.map((r) => r.close()));
  }
}

/** The message a test fails with when it made requests no contract describes. */
export function formatMisses(misses: readonly MockMiss[]): string {
  const lines = misses.map(
    (m) => `${m.method} ${m.target} → ${m.status} (mock "${m.mock}")\n${m.explanation}`,
  );
  return `[gauntlet] Failed the test: because it made ${misses.length} request(s) that no contract describes:\n${lines.join('\n')}\nFix the request, or add the operation to the contract.`;
}
