/**
 * orders → subscribers: delivers OrderPlaced to every webhook URL (NOTIFY_URLS). Delivery runs
 * in the background so a slow subscriber never slows an order down; `idle()` lets tests and
 * shutdown wait for deliveries in flight. A POST is not retried (see call.ts).
 */
import type { OrderPlaced } from '../order-placed.js';
import { type ClientOptions, call, policyFor } from './call.js';
import { UpstreamError } from './upstream-error.js';

export interface Notifier {
  publish(event: OrderPlaced): void;
  /** Resolves when every delivery started so far has finished (or failed). */
  idle(): Promise<void>;
}

export interface NotifierOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** Full webhook URLs, e.g. http://127.0.0.1:4104/webhooks/order-placed. */
  urls: readonly string[];
  /** Called with a message when a delivery fails; default: ignore. */
  onError?: (message: string) => void;
}

export function createNotifier(options: NotifierOptions): Notifier {
  const subscribers = options.urls.map((url) => ({
    url,
    policy: policyFor(`subscriber ${url}`, { ...options, baseUrl: url }),
  }));
  const inFlight = new Set<Promise<void>>();
  const onError = options.onError ?? (() => {});

  async function deliver(url: string, policy: ReturnType<typeof policyFor>, event: OrderPlaced) {
    try {
      const res = await call(policy, 'POST', url, event, { 'x-event-type': event.type });
      if (res.status >= 300) onError(`Webhook ${url} answered ${res.status} to ${event.orderId}.`);
    } catch (error) {
      onError(error instanceof UpstreamError ? error.message : String(error));
    }
  }

  return {
    publish(event) {
      for (const { url, policy } of subscribers) {
        const delivery = deliver(url, policy, event).finally(() => inFlight.delete(delivery));
        inFlight.add(delivery);
      }
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
