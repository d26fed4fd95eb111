/** The notifications service: receives OrderPlaced webhooks and lists what it was told. */
import type { Server, ServerResponse } from 'node:http';
import {
  listen,
  parseUrl,
  problem,
  type RunningServer,
  readJson,
  sendJson,
  sendProblem,
  serve,
} from '../../shared/http.js';
import { parseOrderPlaced } from './order-placed.js';
import { createNotificationStore, type NotificationStore } from './store.js';

export interface NotificationsDeps {
  store: NotificationStore;
}

export function createServer(deps: NotificationsDeps): Server {
  const { store } = deps;
  return serve(async (req, res) => {
    const { segments, query } = parseUrl(req);
    const path = `/${segments.join('/')}`;
    if (path === '/health') {
      if (req.method !== 'GET') return notAllowed(res, 'GET');
      return sendJson(res, 200, { status: 'ok' });
    }
    if (path === '/webhooks/order-placed') {
      if (req.method !== 'POST') return notAllowed(res, 'POST');
      const parsed = parseOrderPlaced(await readJson(req));
      if (!parsed.ok) {
        return sendProblem(
          res,
          problem(422, 'invalid-event', 'Invalid OrderPlaced event', parsed.error),
        );
      }
      return sendJson(res, 202, store.receive(parsed.event));
    }
    if (path === '/notifications') {
      if (req.method !== 'GET') return notAllowed(res, 'GET');
      const user = query.get('user') ?? undefined;
      return sendJson(res, 200, { notifications: store.list(user) });
    }
    return sendProblem(res, problem(404, 'not-found', 'Not found'));
  });
}

function notAllowed(res: ServerResponse, allow: string): void {
  sendProblem(res, problem(405, 'method-not-allowed', 'Method not allowed'), { allow });
}

export interface NotificationsStartOptions {
  port: number;
  host?: string;
  store?: NotificationStore;
}

/** Starts notifications on `port` (0 = any free port); the store is returned for inspection. */
export async function start(
  options: NotificationsStartOptions,
): Promise<RunningServer & { store: NotificationStore }> {
  const store = options.store ?? createNotificationStore();
  const running = await listen(createServer({ store }), options.port, options.host);
  return { ...running, store };
}
