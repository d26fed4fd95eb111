/**
 * The gateway (contracts/openapi/gateway.yaml): the one entry point. It authenticates the bearer
 * token, rate-limits per user, forwards `/api/orders/**` to orders and `GET /api/inventory/**`
 * to inventory with an `X-User` header, and serves one aggregate: an order with its SKU's stock.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createResilientFetch, type ResilientFetch } from 'gauntlet/client-runtime';
import {
  listen,
  parseUrl,
  problem,
  type RunningServer,
  readBody,
  sendJson,
  sendProblem,
  serve,
} from '../../shared/http.js';
import { callPolicy, unavailableProblem } from './call-policy.js';
import { createInventoryClient, type InventoryClient } from './clients/inventory.js';
import { createOrdersClient, type OrdersClient } from './clients/orders.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import { type Authenticate, createAuthenticator } from './users.js';

export interface GatewayDeps {
  authenticate: Authenticate;
  limiter: RateLimiter;
  ordersUrl: string;
  inventoryUrl: string;
  orders: OrdersClient;
  inventory: InventoryClient;
  /** Forwards a request with the same call policy as the clients (call-policy.ts). */
  forward: ResilientFetch;
}

/** Request headers passed on to services; everything else (Authorization, a forged X-User) stops here. */
const FORWARD_REQUEST = ['content-type', 'accept'];
const FORWARD_RESPONSE = ['content-type', 'location', 'retry-after', 'allow'];

export function createServer(deps: GatewayDeps): Server {
  return serve(async (req, res) => {
    const { segments, search } = parseUrl(req);
    const [api, service, id, aspect, ...rest] = segments;
    if (api === 'health' && service === undefined) {
      if (req.method !== 'GET') return notAllowed(res, 'GET');
      return sendJson(res, 200, { status: 'ok' });
    }
    if (api !== 'api' || (service !== 'orders' && service !== 'inventory')) {
      return sendProblem(res, problem(404, 'not-found', 'Not found'));
    }
    const user = deps.authenticate(req.headers.authorization);
    if (user === undefined) {
      return sendProblem(
        res,
        problem(401, 'unauthenticated', 'Unauthenticated', 'Send Authorization: Bearer <token>.'),
        { 'www-authenticate': 'Bearer realm="shop"' },
      );
    }
    const take = deps.limiter.take(user);
    if (!take.ok) {
      return sendProblem(
        res,
        problem(429, 'rate-limited', 'Too many requests', `Slow down, ${user}.`),
        { 'retry-after': String(take.retryAfterSeconds) },
      );
    }
    if (service === 'orders' && id !== undefined && aspect === 'summary' && rest.length === 0) {
      if (req.method !== 'GET') return notAllowed(res, 'GET');
      return summary(res, deps, id, user);
    }
    if (service === 'inventory') {
      if (req.method !== 'GET') return notAllowed(res, 'GET');
      return forward(req, res, deps, deps.inventoryUrl, segments.slice(2), search, user);
    }
    return forward(req, res, deps, deps.ordersUrl, segments.slice(1), search, user);
  });
}

/** GET /api/orders/{id}/summary: the order, plus its SKU's stock (null when inventory is down). */
async function summary(res: ServerResponse, deps: GatewayDeps, id: string, user: string) {
  let result: Awaited<ReturnType<OrdersClient['getOrder']>>;
  try {
    result = await deps.orders.getOrder(id, user);
  } catch (error) {
    return upstreamFailed(res, error);
  }
  if (!result.found) {
    res.writeHead(result.status, { 'content-type': result.contentType });
    res.end(result.body);
    return;
  }
  const stock = await deps.inventory.getStock(result.order.sku).catch(() => undefined);
  sendJson(res, 200, { order: result.order, stock: stock ?? null });
}

async function forward(
  req: IncomingMessage,
  res: ServerResponse,
  deps: GatewayDeps,
  baseUrl: string,
  segments: readonly string[],
  search: string,
  user: string,
): Promise<void> {
  // Rebuilt from the decoded segments, so `//api/orders` or `%2F` tricks cannot escape the prefix.
  const path = segments.map(encodeURIComponent).join('/');
  const target = `${baseUrl.replace(/\/$/, '')}/${path}${search}`;
  const headers: Record<string, string> = { 'x-user': user };
  for (const name of FORWARD_REQUEST) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
  try {
    const init = body === undefined ? { method, headers } : { method, headers, body };
    const answer = await deps.forward(new Request(target, init));
    const text = await answer.text();
    const out: Record<string, string> = { 'content-length': String(Buffer.byteLength(text)) };
    for (const name of FORWARD_RESPONSE) {
      const value = answer.headers.get(name);
      if (value !== null) out[name] = value;
    }
    res.writeHead(answer.status, out);
    res.end(text);
  } catch (error) {
    upstreamFailed(res, error);
  }
}

function upstreamFailed(res: ServerResponse, error: unknown): void {
  const p = unavailableProblem(error);
  if (p === undefined) throw error;
  sendProblem(res, p);
}

function notAllowed(res: ServerResponse, allow: string): void {
  sendProblem(res, problem(405, 'method-not-allowed', 'Method not allowed'), { allow });
}

export interface GatewayStartOptions {
  port: number;
  host?: string;
  ordersUrl: string;
  inventoryUrl: string;
  /** Token bucket per user; default burst 50, refilled at 25 per second. */
  rateLimit?: { burst: number; perSecond: number; now?: () => number };
  /** Per-attempt timeout towards services; default 2000 ms. */
  timeoutMs?: number;
}

/** Starts the gateway on `port` (0 = any free port) in front of orders and inventory. */
export async function start(options: GatewayStartOptions): Promise<RunningServer> {
  const policy = callPolicy(options.timeoutMs ?? 2_000);
  const deps: GatewayDeps = {
    authenticate: createAuthenticator(),
    limiter: createRateLimiter(options.rateLimit ?? { burst: 50, perSecond: 25 }),
    ordersUrl: options.ordersUrl,
    inventoryUrl: options.inventoryUrl,
    orders: createOrdersClient(options.ordersUrl, policy),
    inventory: createInventoryClient(options.inventoryUrl, policy),
    forward: createResilientFetch(policy),
  };
  return listen(createServer(deps), options.port, options.host);
}
