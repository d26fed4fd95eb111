/** The payments service: charges and refunds, as contracts/raml/payments.raml. */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import {
  isRecord,
  listen,
  parseUrl,
  problem,
  type RunningServer,
  readJson,
  sendJson,
  sendProblem,
  serve,
} from '../../shared/http.js';
import { createPaymentsStore, type PaymentsStore } from './store.js';

export interface PaymentsDeps {
  store: PaymentsStore;
}

const CURRENCY = /^[A-Z]{3}$/;

export function createServer(deps: PaymentsDeps): Server {
  const { store } = deps;
  return serve(async (req, res) => {
    const { segments } = parseUrl(req);
    const [first, second, ...rest] = segments;
    if (rest.length > 0) return notFound(res);
    if (first === 'health' && second === undefined) {
      if (req.method !== 'GET') return notAllowed(res, 'GET');
      return sendJson(res, 200, { status: 'ok' });
    }
    if (first === 'charges' && second === undefined) {
      if (req.method !== 'POST') return notAllowed(res, 'POST');
      return createCharge(req, res, store);
    }
    if (first === 'charges' && second !== undefined) {
      if (req.method !== 'GET') return notAllowed(res, 'GET');
      const charge = store.get(second);
      if (charge === undefined) {
        return sendProblem(
          res,
          problem(404, 'unknown-charge', 'Unknown charge', `No charge '${second}'.`),
        );
      }
      return sendJson(res, 200, charge);
    }
    if (first === 'refunds' && second === undefined) {
      if (req.method !== 'POST') return notAllowed(res, 'POST');
      return createRefund(req, res, store);
    }
    return notFound(res);
  });
}

async function createCharge(
  req: IncomingMessage,
  res: ServerResponse,
  store: PaymentsStore,
): Promise<void> {
  const body = await readJson(req);
  if (!isRecord(body)) return invalid(res, 'The body must be a JSON object.');
  const unknown = undeclared(body, ['orderId', 'amount', 'currency']);
  if (unknown) return invalid(res, unknown);
  const { orderId, amount, currency } = body;
  if (typeof orderId !== 'string' || orderId === '') {
    return invalid(res, "'orderId' must be a non-empty string.");
  }
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) {
    return invalid(res, "'amount' must be a number greater than 0.");
  }
  if (typeof currency !== 'string' || !CURRENCY.test(currency)) {
    return invalid(res, "'currency' must be a three-letter ISO 4217 code such as EUR.");
  }
  const charge = store.charge(orderId, amount, currency);
  sendJson(res, 201, charge, { location: `/charges/${charge.id}` });
}

async function createRefund(
  req: IncomingMessage,
  res: ServerResponse,
  store: PaymentsStore,
): Promise<void> {
  const body = await readJson(req);
  if (!isRecord(body)) return invalid(res, 'The body must be a JSON object.');
  const unknown = undeclared(body, ['chargeId', 'amount']);
  if (unknown) return invalid(res, unknown);
  const { chargeId, amount } = body;
  if (typeof chargeId !== 'string' || chargeId === '') {
    return invalid(res, "'chargeId' must be a non-empty string.");
  }
  if (amount !== undefined && (typeof amount !== 'number' || !(amount > 0))) {
    return invalid(res, "'amount', when given, must be a number greater than 0.");
  }
  const result = store.refund(chargeId, amount);
  if (result.ok) return sendJson(res, 201, result.refund);
  if (result.reason === 'unknown-charge') {
    return sendProblem(
      res,
      problem(404, 'unknown-charge', 'Unknown charge', `No charge '${chargeId}'.`),
    );
  }
  const detail =
    result.reason === 'not-captured'
      ? `Charge '${chargeId}' was not captured.`
      : `The refund exceeds what is left of charge '${chargeId}'.`;
  return sendProblem(res, problem(409, result.reason, 'Refund not possible', detail));
}

/** The RAML types are closed (`additionalProperties: false`): name the first undeclared field. */
function undeclared(body: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  const extra = Object.keys(body).find((key) => !allowed.includes(key));
  return extra === undefined
    ? undefined
    : `'${extra}' is not a field of this request; send only ${allowed.join(', ')}.`;
}

function invalid(res: ServerResponse, detail: string): void {
  sendProblem(res, problem(422, 'invalid-request', 'Invalid request', detail));
}

function notFound(res: ServerResponse): void {
  sendProblem(res, problem(404, 'not-found', 'Not found'));
}

function notAllowed(res: ServerResponse, allow: string): void {
  sendProblem(res, problem(405, 'method-not-allowed', 'Method not allowed'), { allow });
}

export interface PaymentsStartOptions {
  port: number;
  host?: string;
  store?: PaymentsStore;
}

/** Starts payments on `port` (0 = any free port); the store is returned for seeding. */
export async function start(
  options: PaymentsStartOptions,
): Promise<RunningServer & { store: PaymentsStore }> {
  const store = options.store ?? createPaymentsStore();
  const running = await listen(createServer({ store }), options.port, options.host);
  return { ...running, store };
}
