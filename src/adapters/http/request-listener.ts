import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AfterResponse, MockEngine, MockRequest, MockResponse } from '../../mock/types.js';
import { internalError, payloadTooLarge } from './adapter-problems.js';
import { deliverFault } from './faults.js';
import { type RequestActivity, WARM_UP_SLICE_MS, warmUpInBackground } from './warm-up.js';

export interface RequestListenerOptions {
  /** Bodies larger than this get 413 and the connection is closed (default 1 MiB). */
  maxBodyBytes?: number;
  /** Runs a response's AfterResponse work once it has been sent (only responses that have some). */
  runAfter?: (after: readonly AfterResponse[]) => void;
  /** Per-request logging: called once each response has been sent, with the time it took. */
  log?: (request: MockRequest, response: MockResponse, ms: number) => void;
  /**
   * The request counter the background warm-up watches to step aside while requests come in
   * (shared by every listener of one mock; default: this listener's own).
   */
  activity?: RequestActivity;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Grace before a connection whose body we refused is cut, so the client can read the 413 first. */
const REFUSED_BODY_GRACE_MS = 100;

/**
 * Writes a MockResponse in one go: status and a flat header array to writeHead, the pre-built
 * body to end. Content-Length is added when the engine did not set it, so node never falls back
 * to chunked encoding (writeHead with an array builds the header block immediately).
 */
export function writeMockResponse(res: ServerResponse, response: MockResponse): void {
  const headers = response.headers;
  const flat: string[] = [];
  let hasLength = false;
  for (let i = 0; i < headers.length; i++) {
    const pair = headers[i]!;
    const name = pair[0];
    flat.push(name, pair[1]);
    if (!hasLength && name.length === 14 && name.toLowerCase() === 'content-length')
      hasLength = true;
  }
  const body = response.body;
  const status = response.status;
  // 1xx, 204 and 304 answers must not carry a Content-Length of their own.
  if (!hasLength && status >= 200 && status !== 204 && status !== 304) {
    flat.push('Content-Length', body === undefined ? '0' : String(body.byteLength));
  }
  res.writeHead(status, flat);
  res.end(body);
}

function send(res: ServerResponse, response: MockResponse): MockResponse {
  try {
    writeMockResponse(res, response);
    return response;
  } catch (error) {
    // Invalid header names/values from a contract make writeHead throw before anything is sent.
    if (res.headersSent) {
      res.destroy();
      return response;
    }
    const fallback = internalError(error);
    writeMockResponse(res, fallback);
    return fallback;
  }
}

function handle(engine: MockEngine, request: MockRequest): MockResponse {
  try {
    return engine.handle(request);
  } catch (error) {
    return internalError(error);
  }
}

/** `http://host/p?q` (absolute-form, sent to proxies) → `/p?q`; `*` stays `*`. */
function originForm(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}

/**
 * The hot path: turns an IncomingMessage into a MockRequest (no URL parsing, node's own header
 * object, body collected only when one is announced), calls the synchronous engine, and writes
 * the answer in a single writeHead/end. Nothing a client sends can throw out of here.
 *
 * @example
 * const server = createServer(createRequestListener(engine, { maxBodyBytes: 1 << 20 }));
 */
export function createRequestListener(
  engine: MockEngine,
  options: RequestListenerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  // Validators and default answers the engine put off are built in idle slices from now on,
  // never while requests are arriving.
  const activity = options.activity ?? { requests: 0 };
  warmUpInBackground(engine, WARM_UP_SLICE_MS, activity);
  const runAfter = options.runAfter;
  const log = options.log;

  // A 'finish' listener costs an allocation and an emitter insert per request: attach one only
  // when there is work after the response (callbacks, warnings) or logging is on.
  const afterSent = (
    res: ServerResponse,
    request: MockRequest,
    sent: MockResponse,
    startedAt: number,
  ): void => {
    const after = sent.after;
    if (runAfter !== undefined && after !== undefined && after.length > 0) {
      res.once('finish', () => runAfter(after));
    }
    if (log !== undefined)
      res.once('finish', () => log(request, sent, performance.now() - startedAt));
  };

  const answer = (res: ServerResponse, request: MockRequest, startedAt: number): void => {
    const response = handle(engine, request);
    // Faults (scenario stubs, global chaos): acted out on the socket after any delayMs, instead
    // of a normal write — see ./faults.ts. Logging/after-work do not run for them (no 'finish').
    if (response.fault !== undefined) {
      deliverFault(res, response);
      return;
    }
    // The pure engine cannot sleep: a delayed answer (Hoverfly fixedDelay/logNormalDelay, global
    // delays) comes back with `delayMs`, and we wait here before writing it.
    const delay = response.delayMs;
    if (delay !== undefined && delay > 0) {
      setTimeout(() => afterSent(res, request, send(res, response), startedAt), delay);
      return;
    }
    afterSent(res, request, send(res, response), startedAt);
  };

  const refuse = (
    req: IncomingMessage,
    res: ServerResponse,
    request: MockRequest,
    startedAt: number,
  ): void => {
    const sent = send(res, payloadTooLarge(maxBodyBytes));
    res.once('finish', () => {
      if (!req.complete) setTimeout(() => req.socket.destroy(), REFUSED_BODY_GRACE_MS).unref();
    });
    afterSent(res, request, sent, startedAt);
  };

  return (req, res) => {
    activity.requests++;
    const startedAt = log === undefined ? 0 : performance.now();
    let url = req.url ?? '/';
    if (url.charCodeAt(0) !== 47 /* '/' */ && url !== '*') url = originForm(url);
    const q = url.indexOf('?');
    const headers = req.headers;
    const request: MockRequest = {
      method: req.method ?? 'GET',
      path: q === -1 ? url : url.slice(0, q),
      query: q === -1 ? '' : url.slice(q + 1),
      headers,
    };
    const length = headers['content-length'];
    const chunked = headers['transfer-encoding'] !== undefined;
    if (!chunked && (length === undefined || length === '0')) {
      answer(res, request, startedAt);
      return;
    }
    if (length !== undefined && Number(length) > maxBodyBytes) {
      // Refused before reading a byte of it.
      refuse(req, res, request, startedAt);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBodyBytes) {
        settled = true;
        chunks.length = 0;
        refuse(req, res, request, startedAt);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      if (size > 0) request.body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      answer(res, request, startedAt);
    });
    // A client that hangs up mid-body: nothing to answer, and nothing may crash.
    req.on('error', () => {
      settled = true;
    });
  };
}
