/**
 * The one module the shop's services share: JSON and problem+json replies, body reading, and
 * listening on a port. Everything else (data, clients, resilience) each service owns itself.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
}

/** A server listening on a real port; `close()` also drops idle keep-alive sockets. */
export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Thrown by `readJson` for a body that is not JSON; `serve` turns it into a 400 problem. */
export class BadRequest extends Error {
  override readonly name = 'BadRequest';
}

const MAX_BODY_BYTES = 1024 * 1024;
const PROBLEM_BASE = 'https://shop.example/problems/';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest('The request body is larger than 1 MiB.');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a JSON body; an empty body is `undefined`. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequest('The request body is not valid JSON.');
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}

/** Builds a problem document; `slug` names the problem type (`out-of-stock`). */
export function problem(status: number, slug: string, title: string, detail?: string): Problem {
  const p: Problem = { type: `${PROBLEM_BASE}${slug}`, title, status };
  if (detail !== undefined) p.detail = detail;
  return p;
}

export function sendProblem(
  res: ServerResponse,
  p: Problem,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(p);
  res.writeHead(p.status, {
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Wraps a handler: malformed bodies become 400, anything unexpected a 500 problem. */
export function serve(handler: Handler): Server {
  return createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof BadRequest) {
        sendProblem(res, problem(400, 'bad-request', 'Bad request', error.message));
        return;
      }
      const detail = error instanceof Error ? error.message : String(error);
      sendProblem(res, problem(500, 'internal', 'Internal server error', detail));
    });
  });
}

/** Listens on `host:port` (port 0 picks a free one) and resolves once bound. */
export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : port;
      resolve({
        url: `http://${host}:${bound}`,
        port: bound,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** Splits a request URL into its decoded path segments and query (`search` keeps the `?`). */
export function parseUrl(req: IncomingMessage): {
  segments: string[];
  query: URLSearchParams;
  search: string;
} {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const segments = url.pathname
    .split('/')
    .filter((s) => s !== '')
    .map(decodeSegment);
  return { segments, query: url.searchParams, search: url.search };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BadRequest(`The path segment '${segment}' is not valid percent-encoding.`);
  }
}
