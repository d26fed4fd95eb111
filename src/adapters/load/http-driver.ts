import { subscribe } from 'node:diagnostics_channel';
import type { IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { buildConnector, type Dispatcher, Pool } from 'undici';
import type { LoadResponse, ResponseTimings } from '../../load/types.js';

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
 * The moments of one request, in ms on this thread's `performance.now()` clock, and its bytes.
 * `intended` is when it was due (the schedule's time for an iteration's first request), so
 * `end - intended` is coordinated-omission correct, as wrk2: time spent waiting for the
 * generator or for a free connection is queueing a user would feel.
 */
export interface DriverTimings {
  intended: number;
  /** Handed to the HTTP client (after any lag of the generator itself). */
  dispatched: number;
  /** Written to a connection (after the pool's queue and any connect). */
  started: number;
  /** The request's last byte handed to the socket. */
  sent: number;
  headers: number;
  end: number;
  bytesSent: number;
  bytesReceived: number;
}

/** How long each new socket took: TCP connect, then the TLS handshake (https only). */
interface SocketTimes {
  connecting: number;
  tls: number;
  /** The first request written on the socket takes its connect times, as k6 reports them. */
  claimed: boolean;
}

const socketTimes = new WeakMap<object, SocketTimes>();
const exchangeOf = new WeakMap<object, Exchange>();
/**
 * The exchange whose `onRequestStart` just ran: undici publishes `undici:client:sendHeaders`
 * (with the socket) synchronously right after it, in the same call, so the pair is exact.
 */
let starting: Exchange | undefined;
let listening = false;

/**
 * undici's diagnostics channels give what its handler API does not: which socket a request was
 * written on (for the connect times of a fresh socket), its head's size, and when its last byte
 * was handed to the socket (`sending`). Subscribed once, on the first driver.
 */
function listen(): void {
  if (listening) return;
  listening = true;
  subscribe('undici:client:sendHeaders', (message) => {
    const exchange = starting;
    starting = undefined;
    if (!exchange) return; // another undici user in this process (fetch, a mock client)
    const { request, socket, headers } = message as {
      request: object;
      socket: object;
      headers: string;
    };
    exchangeOf.set(request, exchange);
    exchange.headBytes = headers.length + 2;
    const times = socketTimes.get(socket);
    if (times && !times.claimed) {
      times.claimed = true;
      exchange.connecting = times.connecting;
      exchange.tls = times.tls;
    }
  });
  subscribe('undici:request:bodySent', (message) => {
    const exchange = exchangeOf.get((message as { request: object }).request);
    if (exchange && exchange.sent === 0) exchange.sent = performance.now();
  });
}

/** undici's connector, timing each new socket's TCP connect and TLS handshake. */
function timedConnector(): buildConnector.connector {
  const connect = buildConnector({});
  return (options, callback) => {
    const began = performance.now();
    let tcp = 0;
    const socket = connect(options, (error, connected) => {
      const done = performance.now();
      if (connected) {
        const connecting = (tcp || done) - began;
        socketTimes.set(connected, {
          connecting,
          tls: tcp ? done - tcp : 0,
          claimed: false,
        });
      }
      if (error) callback(error, null);
      else callback(null, connected as Socket);
    }) as unknown as Socket | undefined; // undici's connector returns its socket; its type says void
    // A TLS socket's 'connect' is the TCP connect; its callback comes after the handshake.
    if (options.protocol === 'https:') socket?.once('connect', () => (tcp = performance.now()));
  };
}

class Response implements LoadResponse {
  private text: string | undefined;
  private flat: Record<string, string> | undefined;
  constructor(
    readonly status: number,
    private readonly rawHeaders: IncomingHttpHeaders | undefined,
    private readonly chunks: Uint8Array[],
    readonly error: string,
    readonly timings: ResponseTimings,
  ) {}
  get headers(): Record<string, string> {
    if (this.flat === undefined) {
      this.flat = {};
      for (const [name, value] of Object.entries(this.rawHeaders ?? {})) {
        if (value !== undefined) this.flat[name] = Array.isArray(value) ? value.join(', ') : value;
      }
    }
    return this.flat;
  }
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

export interface DriverResult {
  response: LoadResponse;
  timings: DriverTimings;
}

/** One request in flight: undici's handler, and what it measured. */
class Exchange implements Dispatcher.DispatchHandler {
  started = 0;
  sent = 0;
  headersAt = 0;
  connecting = 0;
  tls = 0;
  headBytes = 0;
  bytesReceived = 0;
  status = 0;
  headers: IncomingHttpHeaders | undefined;
  readonly chunks: Uint8Array[] = [];
  controller: Dispatcher.DispatchController | undefined;
  settled = false;
  constructor(
    readonly intended: number,
    readonly dispatched: number,
    readonly bodyBytes: number,
    private readonly done: (exchange: Exchange, result: DriverResult) => void,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    this.started = performance.now();
    starting = this;
  }
  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    // 1xx informational answers are skipped: the final status follows.
    if (statusCode < 200) return;
    this.headersAt = performance.now();
    this.status = statusCode;
    this.headers = headers;
    let n = 17;
    const raw = controller.rawHeaders;
    if (Array.isArray(raw)) for (const part of raw) n += part.length + 2;
    this.bytesReceived += n;
  }
  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
    this.bytesReceived += chunk.length;
  }
  onResponseEnd(): void {
    this.finish('');
  }
  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    const code = (error as { code?: string }).code;
    this.finish(code ? `${code}: ${error.message}` : error.message || 'request failed');
  }

  /**
   * Settles once. The phases add up to `duration` (end − intended): blocked (the generator's
   * lag and the wait for a free connection), connecting and tls_handshaking (a fresh socket's,
   * on its first request), sending, waiting (to the first byte of the answer), receiving.
   */
  finish(error: string): void {
    if (this.settled) return;
    this.settled = true;
    const end = performance.now();
    const started = this.started || end;
    const sent = Math.max(this.sent || started, started);
    const headersAt = this.headersAt || end;
    const ready = started - this.intended;
    const timings: DriverTimings = {
      intended: this.intended,
      dispatched: this.dispatched,
      started,
      sent,
      headers: headersAt,
      end,
      bytesSent: this.headBytes === 0 ? 0 : this.headBytes + this.bodyBytes,
      bytesReceived: this.bytesReceived,
    };
    const response = new Response(error ? 0 : this.status, this.headers, this.chunks, error, {
      duration: end - this.intended,
      blocked: Math.max(0, ready - this.connecting - this.tls),
      connecting: this.connecting,
      tls_handshaking: this.tls,
      sending: sent - started,
      waiting: Math.max(0, headersAt - sent),
      receiving: end - headersAt,
    });
    this.done(this, { response, timings });
  }
}

export interface HttpDriver {
  /** Sends one request; never rejects: transport errors come back as status 0 with `error`. */
  send(request: DriverRequest, intended: number): Promise<DriverResult>;
  /** Aborts requests still running (the run's hard stop). */
  abortAll(reason: string): void;
  close(): Promise<void>;
}

/**
 * The built-in engine's HTTP client: one undici Pool per origin (`connections` sockets, no
 * pipelining, keep-alive), driven through `dispatch` with a handler object, so no stream or
 * promise wrapper sits on the hot path; k6's timing phases come from the handler's callbacks,
 * a timed connector and undici's diagnostics channels.
 *
 * @example
 * const driver = createHttpDriver({ baseUrl: 'http://127.0.0.1:4100', connections: 50 });
 * const { response } = await driver.send({ method: 'GET', url: '/health', headers: {}, timeoutMs: 5000 }, performance.now());
 * response.timings.waiting; // ms to the first byte of the answer
 */
export function createHttpDriver(options: { baseUrl: string; connections: number }): HttpDriver {
  listen();
  const pools = new Map<string, Pool>();
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const inflight = new Set<Exchange>();
  const connect = timedConnector();
  const poolFor = (origin: string): Pool => {
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: options.connections,
        pipelining: 1,
        keepAliveTimeout: 30_000,
        connect,
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
        const exchange = new Exchange(intended, performance.now(), bodyBytes, (ex, result) => {
          inflight.delete(ex);
          resolve(result);
        });
        inflight.add(exchange);
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
            exchange,
          );
        } catch (error) {
          exchange.finish(error instanceof Error ? error.message : String(error));
        }
      });
    },
    abortAll(reason) {
      for (const exchange of [...inflight]) {
        exchange.controller?.abort(new Error(reason));
        exchange.finish(reason);
      }
    },
    async close() {
      await Promise.all([...pools.values()].map((p) => p.destroy().catch(() => undefined)));
      pools.clear();
    },
  };
}
