/**
 * The orders service (contracts/openapi/orders.yaml). It trusts `X-User` from the gateway and
 * authorises on it: a user sees only their own orders.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import {
  isRecord,
  listen,
  type Problem,
  parseUrl,
  problem,
  type RunningServer,
  readJson,
  sendJson,
  sendProblem,
  serve,
} from '../../shared/http.js';
import { DEFAULT_CATALOG } from './catalog.js';
import { createInventoryClient } from './clients/inventory.js';
import { createNotifier } from './clients/notify.js';
import { createPaymentsClient } from './clients/payments.js';
import { type OrderRequest, type PlaceOrderDeps, placeOrder } from './place-order.js';
import { createOrderStore } from './store.js';

export type OrdersDeps = PlaceOrderDeps;

export function createServer(deps: OrdersDeps): Server {
  return serve(async (req, res) => {
    const { segments, query } = parseUrl(req);
    const [first, id, ...rest] = segments;
    if (first === 'health' && id === undefined) {
      if (req.method !== 'GET') return notAllowed(res, 'GET');
      return sendJson(res, 200, { status: 'ok' });
    }
    if (first !== 'orders' || rest.length > 0) {
      return sendProblem(res, problem(404, 'not-found', 'Not found'));
    }
    const user = req.headers['x-user'];
    if (typeof user !== 'string' || user === '') {
      return send(
        res,
        problem(401, 'unauthenticated', 'Unauthenticated', 'The X-User header is missing.'),
      );
    }
    if (id === undefined && req.method === 'POST') return create(req, res, deps, user);
    if (id === undefined && req.method === 'GET') {
      const owner = query.get('user') ?? user;
      if (owner !== user) {
        return send(
          res,
          problem(403, 'forbidden', 'Forbidden', `You may only list your own orders.`),
        );
      }
      return sendJson(res, 200, { orders: deps.store.listByUser(owner) });
    }
    if (id === undefined) return notAllowed(res, 'GET, POST');
    if (req.method !== 'GET') return notAllowed(res, 'GET');
    // The hot path: a map lookup and pre-serialised JSON. Another user's order is "not found",
    // so ids cannot be probed.
    const order = deps.store.get(id);
    const json = deps.store.getJson(id);
    if (order === undefined || json === undefined || order.user !== user) {
      return send(res, problem(404, 'unknown-order', 'Order not found', `No order '${id}'.`));
    }
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(json),
    });
    res.end(json);
  });
}

async function create(
  req: IncomingMessage,
  res: ServerResponse,
  deps: OrdersDeps,
  user: string,
): Promise<void> {
  const parsed = parseOrderRequest(await readJson(req));
  if (typeof parsed === 'string') {
    return send(res, problem(422, 'invalid-request', 'Invalid order', parsed));
  }
  const result = await placeOrder(deps, user, parsed);
  if (!result.ok) return send(res, result.problem);
  sendJson(res, 201, result.order, { location: `/orders/${result.order.id}` });
}

/** Returns the request, or what is wrong with it. */
function parseOrderRequest(body: unknown): OrderRequest | string {
  if (!isRecord(body)) return 'The body must be a JSON object.';
  const { sku, quantity, note } = body;
  if (typeof sku !== 'string' || sku === '') return "'sku' must be a non-empty string.";
  if (
    typeof quantity !== 'number' ||
    !Number.isInteger(quantity) ||
    quantity < 1 ||
    quantity > 100
  ) {
    return "'quantity' must be an integer from 1 to 100.";
  }
  if (note !== undefined && note !== null && (typeof note !== 'string' || note.length > 500)) {
    return "'note' must be null or a string of at most 500 characters.";
  }
  return { sku, quantity, note: note ?? null };
}

function send(res: ServerResponse, p: Problem): void {
  sendProblem(res, p, p.status === 503 ? { 'retry-after': '1' } : {});
}

function notAllowed(res: ServerResponse, allow: string): void {
  sendProblem(res, problem(405, 'method-not-allowed', 'Method not allowed'), { allow });
}

export interface OrdersStartOptions {
  port: number;
  host?: string;
  inventoryUrl: string;
  paymentsUrl: string;
  /** Webhook URLs that receive OrderPlaced. */
  notifyUrls?: readonly string[];
  /** Per-call timeout towards every dependency; default 2000 ms. */
  timeoutMs?: number;
  /**
   * Call every dependency with no timeout, no retry limit and no breaker (GAUNTLET_SHOP_FRAGILE=1):
   * what chaos experiments flip to show the call policy matters. Default false.
   */
  fragile?: boolean;
  /** Overrides for any dependency (tests pass their own store or clock). */
  deps?: Partial<OrdersDeps>;
}

/** Starts orders on `port` (0 = any free port), wired to its dependencies' URLs. */
export async function start(
  options: OrdersStartOptions,
): Promise<RunningServer & { deps: OrdersDeps }> {
  const log = options.deps?.log ?? ((message: string) => console.warn(`[orders] ${message}`));
  // One call policy for every dependency (clients/call-policy.ts); only these options change it.
  const policy = { timeoutMs: options.timeoutMs ?? 2_000, fragile: options.fragile === true };
  const deps: OrdersDeps = {
    inventory: createInventoryClient({ baseUrl: options.inventoryUrl, ...policy }),
    payments: createPaymentsClient({ baseUrl: options.paymentsUrl, ...policy }),
    notifier: createNotifier({ urls: options.notifyUrls ?? [], ...policy, onError: log }),
    store: createOrderStore(),
    catalog: DEFAULT_CATALOG,
    now: () => new Date(),
    log,
    ...options.deps,
  };
  const running = await listen(createServer(deps), options.port, options.host);
  return {
    ...running,
    deps,
    close: async () => {
      await deps.notifier.idle();
      await running.close();
    },
  };
}
