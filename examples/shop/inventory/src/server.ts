/** The inventory service: stock per SKU and reservations, exactly as contracts/openapi/inventory.yaml. */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import {
  isRecord,
  listen,
  parseUrl,
  problem,
  type RunningServer,
  readJson,
  sendEmpty,
  sendJson,
  sendProblem,
  serve,
} from '../../shared/http.js';
import { createInventoryStore, type InventoryStore } from './store.js';

export interface InventoryDeps {
  store: InventoryStore;
}

const SKU = /^[a-z0-9-]{1,32}$/;

export function createServer(deps: InventoryDeps): Server {
  const { store } = deps;
  return serve(async (req, res) => {
    const { segments } = parseUrl(req);
    const [first, second, ...rest] = segments;
    if (rest.length > 0) return notFound(res);
    if (first === 'health' && second === undefined) {
      if (req.method !== 'GET') return notAllowed(res, 'GET');
      return sendJson(res, 200, { status: 'ok' });
    }
    if (first === 'stock' && second !== undefined) {
      if (req.method !== 'GET') return notAllowed(res, 'GET');
      const available = SKU.test(second) ? store.available(second) : undefined;
      if (available === undefined) {
        return sendProblem(res, problem(404, 'unknown-sku', 'Unknown SKU', `No SKU '${second}'.`));
      }
      return sendJson(res, 200, { sku: second, available });
    }
    if (first === 'reservations' && second === undefined) {
      if (req.method !== 'POST') return notAllowed(res, 'POST');
      return createReservation(req, res, store);
    }
    if (first === 'reservations' && second !== undefined) {
      if (req.method !== 'DELETE') return notAllowed(res, 'DELETE');
      if (!store.release(second)) {
        return sendProblem(
          res,
          problem(404, 'unknown-reservation', 'Unknown reservation', `No reservation '${second}'.`),
        );
      }
      return sendEmpty(res, 204);
    }
    return notFound(res);
  });
}

async function createReservation(
  req: IncomingMessage,
  res: ServerResponse,
  store: InventoryStore,
): Promise<void> {
  const body = await readJson(req);
  const invalid = validateReservationRequest(body);
  if (invalid !== undefined || !isRecord(body)) {
    return sendProblem(res, problem(422, 'invalid-request', 'Invalid reservation', invalid));
  }
  const sku = body.sku as string;
  const quantity = body.quantity as number;
  const result = store.reserve(sku, quantity, body.orderId as string);
  if (result.ok) return sendJson(res, 201, result.reservation);
  if (result.reason === 'unknown-sku') {
    return sendProblem(res, problem(422, 'unknown-sku', 'Unknown SKU', `No SKU '${sku}'.`));
  }
  return sendProblem(
    res,
    problem(
      409,
      'insufficient-stock',
      'Not enough stock',
      `Requested ${quantity} of '${sku}', ${result.available} available.`,
    ),
  );
}

/** The ReservationRequest schema by hand; returns what is wrong, or undefined. */
function validateReservationRequest(body: unknown): string | undefined {
  if (!isRecord(body)) return 'The body must be a JSON object.';
  const extra = Object.keys(body).filter((k) => !['sku', 'quantity', 'orderId'].includes(k));
  if (extra.length > 0) return `Unknown properties: ${extra.join(', ')}.`;
  if (typeof body.sku !== 'string' || !SKU.test(body.sku)) {
    return "'sku' must be a string matching ^[a-z0-9-]{1,32}$.";
  }
  const q = body.quantity;
  if (typeof q !== 'number' || !Number.isInteger(q) || q < 1 || q > 100) {
    return "'quantity' must be an integer from 1 to 100.";
  }
  if (typeof body.orderId !== 'string' || body.orderId.length === 0) {
    return "'orderId' must be a non-empty string.";
  }
  return undefined;
}

function notFound(res: ServerResponse): void {
  sendProblem(res, problem(404, 'not-found', 'Not found'));
}

function notAllowed(res: ServerResponse, allow: string): void {
  sendProblem(res, problem(405, 'method-not-allowed', 'Method not allowed'), { allow });
}

export interface InventoryStartOptions {
  port: number;
  host?: string;
  store?: InventoryStore;
}

/** Starts inventory on `port` (0 = any free port); the store is returned for seeding. */
export async function start(
  options: InventoryStartOptions,
): Promise<RunningServer & { store: InventoryStore }> {
  const store = options.store ?? createInventoryStore();
  const running = await listen(createServer({ store }), options.port, options.host);
  return { ...running, store };
}
