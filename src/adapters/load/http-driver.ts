import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import { Pool } from 'undici';
import type { LoadResponse } from '../../load/types.js';

/** One request as the engine sends it. */
export interface DriverRequest {
  method: string;
  /** Absolute URL, or a path on the driver's base URL. */
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  timeoutMs: number;
}

/**
 * What one request measured, all in ms on `performance.now()`'s clock. `duration` runs from
 * the **intended** start (coordinated-omission correct, as wrk2): time the request spent waiting
 * for the generator or for a free connection is the server's queue as a user would feel it.
 */
export interface DriverTimings {
  intended: number;
  /** Handed to a connection (after the pool's queue): k6's `blocked` ends here. */
  started: number;
  headers: number;
  end: number;
  bytesSent: number;
  bytesReceived: number;
}

class Response implements LoadResponse {
  private text: string | undefined;
  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    private readonly chunks: Uint8Array[],
    readonly error: string,
    readonly timings: LoadResponse['timings'],
  ) {}
  get body(): string {
    if (this.text === undefined) {
      this.text = this.chunks.length === 0 ? '' : Buffer.concat(this.chunks).toString('utf8');
    }
    return this.text;
  }
  json(): unknown {
    return JSON.parse(this.body);
  }
}

function flatHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Rough bytes of a request line and headers (HTTP/1.1 as written on the wire). */
function requestHeadBytes(request: DriverRequest, path: string): number {
  let n = request.method.length + path.length + 12;
  for (const [k, v] of Object.entries(request.headers)) n += k.length + v.length + 4;
  return n + 2;
}

export interface HttpDriver {
  /** Sends one request; never rejects: transport errors come back as status 0 with `error`. */
  send(
    request: DriverRequest,
    intended: number,
  ): Promise<{ response: LoadResponse; timings: DriverTimings }>;
  /** Aborts requests still running (the run's hard stop). */
  abortAll(reason: string): void;
  close(): Promise<void>;
}

/**
 * The built-in engine's HTTP client: one undici Pool per origin (`connections` sockets, no
 * pipelining, keep-alive), driven through `dispatch` with a raw handler so no stream or
 * promise wrapper sits on the hot path.
 *
 * @example
 * const driver = createHttpDriver({ baseUrl: 'http://127.0.0.1:4100', connections: 50 });
 * const { response, timings } = await driver.send({ method: 'GET', url: '/health', headers: {}, timeoutMs: 5000 }, performance.now());
 */
export function createHttpDriver(options: { baseUrl: string; connections: number }): HttpDriver {
  const pools = new Map<string, Pool>();
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const inflight = new Set<{ abort(reason: string): void }>();
  const poolFor = (origin: string): Pool => {
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: options.connections,
        pipelining: 1,
        keepAliveTimeout: 30_000,
      });
      pools.set(origin, pool);
    }
    return pool;
  };
  return {
    send(request, intended) {
      let origin = base.origin;
      let path: string;
      if (/^https?:\/\//i.test(request.url)) {
        const url = new URL(request.url);
        origin = url.origin;
        path = `${url.pathname}${url.search}`;
      } else {
        path = `${basePath}${request.url.startsWith('/') ? '' : '/'}${request.url}`;
      }
      const bodyBytes =
        request.body === undefined
          ? 0
          : typeof request.body === 'string'
            ? Buffer.byteLength(request.body)
            : request.body.byteLength;
      return new Promise((resolve) => {
        const timings: DriverTimings = {
          intended,
          started: 0,
          headers: 0,
          end: 0,
          bytesSent: requestHeadBytes(request, path) + bodyBytes,
          bytesReceived: 0,
        };
        let status = 0;
        let headers: Record<string, string> = {};
        const chunks: Uint8Array[] = [];
        let controller: Dispatcher.DispatchController | undefined;
        let settled = false;
        const finish = (error: string) => {
          if (settled) return;
          settled = true;
          inflight.delete(entry);
          const now = performance.now();
          if (timings.started === 0) timings.started = now;
          if (timings.headers === 0) timings.headers = now;
          timings.end = now;
          const response = new Response(error ? 0 : status, headers, chunks, error, {
            duration: timings.end - timings.intended,
            blocked: timings.started - timings.intended,
            waiting: timings.headers - timings.started,
            receiving: timings.end - timings.headers,
          });
          resolve({ response, timings });
        };
        const entry = {
          abort(reason: string) {
            if (controller) controller.abort(new Error(reason));
            finish(reason);
          },
        };
        inflight.add(entry);
        const handler: Dispatcher.DispatchHandler = {
          onRequestStart(c) {
            controller = c;
            timings.started = performance.now();
          },
          onResponseStart(_c, statusCode, responseHeaders) {
            // 1xx informational answers are skipped: the final status follows.
            if (statusCode < 200) return;
            timings.headers = performance.now();
            status = statusCode;
            headers = flatHeaders(responseHeaders);
            let n = 17;
            for (const [k, v] of Object.entries(headers)) n += k.length + v.length + 4;
            timings.bytesReceived += n;
          },
          onResponseData(_c, chunk) {
            chunks.push(chunk);
            timings.bytesReceived += chunk.length;
          },
          onResponseEnd() {
            finish('');
          },
          onResponseError(_c, error) {
            const code = (error as { code?: string }).code;
            finish(code ? `${code}: ${error.message}` : error.message || 'request failed');
          },
        };
        try {
          poolFor(origin).dispatch(
            {
              origin,
              path,
              method: request.method as Dispatcher.HttpMethod,
              headers: request.headers,
              ...(request.body === undefined ? {} : { body: request.body }),
              headersTimeout: request.timeoutMs,
              bodyTimeout: request.timeoutMs,
            },
            handler,
          );
        } catch (error) {
          finish(error instanceof Error ? error.message : String(error));
        }
      });
    },
    abortAll(reason) {
      for (const entry of [...inflight]) entry.abort(reason);
    },
    async close() {
      await Promise.all([...pools.values()].map((p) => p.destroy().catch(() => undefined)));
      pools.clear();
    },
  };
}
