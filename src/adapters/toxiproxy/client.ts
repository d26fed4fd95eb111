/**
 * A thin typed client for the Toxiproxy HTTP API (v2.x, the version `gauntlet setup` pins).
 *
 * Why not toxiproxy-node-client (4.1.0): it drops the server's error body (a 409 "toxic already
 * exists" becomes a bare status), has no timeouts (a toxic removal under traffic can hold the
 * API for ~25 s, and a hung call would hang the rollbacks), and updates proxies and toxics with
 * the deprecated POST. This client sets a timeout on every call, keeps the error body in the
 * GAUNTLET_E_TOXIPROXY message, and updates with PATCH.
 */
import { GauntletError } from '../../errors.js';

export interface ToxiproxyProxy {
  name: string;
  /** `host:port` the proxy listens on. */
  listen: string;
  /** `host:port` it forwards to. */
  upstream: string;
  enabled: boolean;
  toxics: Toxic[];
}

export type ToxicStream = 'upstream' | 'downstream';

export interface Toxic {
  name: string;
  type: string;
  stream: ToxicStream;
  toxicity: number;
  attributes: Record<string, unknown>;
}

export interface ToxicInput {
  name?: string;
  type: string;
  stream?: ToxicStream;
  toxicity?: number;
  attributes?: Record<string, unknown>;
}

export interface ProxyInput {
  name: string;
  listen: string;
  upstream: string;
  enabled?: boolean;
}

export interface ToxiproxyClientOptions {
  /** Per call; default 5000 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface ToxiproxyClient {
  /** The API's base URL, e.g. `http://127.0.0.1:8474`. */
  readonly url: string;
  version(): Promise<string>;
  proxies(): Promise<Record<string, ToxiproxyProxy>>;
  proxy(name: string): Promise<ToxiproxyProxy>;
  createProxy(input: ProxyInput): Promise<ToxiproxyProxy>;
  /** Creates or replaces proxies in one call; ones already configured the same way are kept. */
  populate(inputs: readonly ProxyInput[]): Promise<ToxiproxyProxy[]>;
  updateProxy(name: string, change: Partial<Omit<ProxyInput, 'name'>>): Promise<ToxiproxyProxy>;
  deleteProxy(name: string): Promise<void>;
  addToxic(proxy: string, toxic: ToxicInput): Promise<Toxic>;
  updateToxic(proxy: string, name: string, change: Partial<ToxicInput>): Promise<Toxic>;
  removeToxic(proxy: string, name: string): Promise<void>;
  /** Enables every proxy and removes every toxic. */
  reset(): Promise<void>;
}

/**
 * A client for the Toxiproxy API at `url`.
 *
 * @example
 * const toxiproxy = createToxiproxyClient('http://127.0.0.1:8474');
 * await toxiproxy.addToxic('orders_to_inventory', { type: 'latency', attributes: { latency: 3000 } });
 */
export function createToxiproxyClient(
  url: string,
  options: ToxiproxyClientOptions = {},
): ToxiproxyClient {
  const base = url.replace(/\/$/, '');
  const timeoutMs = options.timeoutMs ?? 5000;
  const doFetch = options.fetch ?? fetch;

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const what = `${method} ${path}`;
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new GauntletError(
        'GAUNTLET_E_TOXIPROXY',
        timedOut
          ? `Failed to call Toxiproxy (${what}): because ${base} did not answer within ${timeoutMs} ms.`
          : `Failed to call Toxiproxy (${what}): because ${base} could not be reached (${innermost(error)}).`,
        {
          hint: 'Check --toxiproxy URL, or let Gauntlet start its own toxiproxy-server (`gauntlet setup` installs it).',
          cause: error,
        },
      );
    }
    const text = await response.text();
    if (!response.ok) {
      throw new GauntletError(
        'GAUNTLET_E_TOXIPROXY',
        `Failed to call Toxiproxy (${what}): because it answered ${response.status}: ${errorText(text)}.`,
      );
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  const enc = encodeURIComponent;
  return {
    url: base,
    version: async () => {
      const answer = await call<{ version?: string } | string>('GET', '/version');
      return typeof answer === 'string' ? answer : (answer?.version ?? 'unknown');
    },
    proxies: () => call('GET', '/proxies'),
    proxy: (name) => call('GET', `/proxies/${enc(name)}`),
    createProxy: (input) => call('POST', '/proxies', input),
    populate: async (inputs) =>
      (await call<{ proxies: ToxiproxyProxy[] }>('POST', '/populate', inputs)).proxies,
    updateProxy: (name, change) => call('PATCH', `/proxies/${enc(name)}`, change),
    deleteProxy: async (name) => {
      await call('DELETE', `/proxies/${enc(name)}`);
    },
    addToxic: (proxy, toxic) => call('POST', `/proxies/${enc(proxy)}/toxics`, toxic),
    updateToxic: (proxy, name, change) =>
      call('PATCH', `/proxies/${enc(proxy)}/toxics/${enc(name)}`, change),
    removeToxic: async (proxy, name) => {
      await call('DELETE', `/proxies/${enc(proxy)}/toxics/${enc(name)}`);
    },
    reset: async () => {
      await call('POST', '/reset');
    },
  };
}

/** Toxiproxy answers errors as `{"error": "...", "status": n}`. */
function errorText(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
  } catch {
    // Not JSON: quote it as it is.
  }
  return text.trim() === '' ? '(empty body)' : text.trim().slice(0, 300);
}

function innermost(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  let cause = error instanceof Error ? error.cause : undefined;
  while (cause instanceof Error) {
    if (cause.message !== '') message = cause.message;
    cause = cause.cause;
  }
  return message;
}
