/**
 * orders → subscribers: delivers OrderPlaced to every webhook URL (NOTIFY_URLS), described by
 * contracts/openapi/order-events.yaml. Each subscriber gets its own resilient fetch from
 * gauntlet/client-runtime with orders' call policy (call-policy.ts): a timeout, and a breaker
 * per subscriber; a POST is never retried. Delivery runs in the background so a slow subscriber
 * never slows an order down; `idle()` lets tests and shutdown wait for deliveries in flight.
 */
import { ClientCallError, createResilientFetch } from 'gauntlet/client-runtime';
import type { OrderPlaced } from '../order-placed.js';
import { callPolicy, type DependencyOptions } from './call-policy.js';

export interface Notifier {
  publish(event: OrderPlaced): void;
  /** Resolves when every delivery started so far has finished (or failed). */
  idle(): Promise<void>;
}

export interface NotifierOptions extends Omit<DependencyOptions, 'baseUrl'> {
  /** Full webhook URLs, e.g. http://127.0.0.1:4104/webhooks/order-placed. */
  urls: readonly string[];
  /** Called with a message when a delivery fails; default: ignore. */
  onError?: (message: string) => void;
}

export function createNotifier(options: NotifierOptions): Notifier {
  const subscribers = options.urls.map((url) => ({
    url,
    send: createResilientFetch(callPolicy(options)),
  }));
  const inFlight = new Set<Promise<void>>();
  const onError = options.onError ?? (() => {});

  async function deliver(
    url: string,
    send: (request: Request) => Promise<Response>,
    event: OrderPlaced,
  ) {
    try {
      const request = new Request(url, {
        method: 'POST',
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          'x-event-type': event.type,
        },
        body: JSON.stringify(event),
      });
      const res = await send(request);
      await res.body?.cancel();
      if (res.status >= 300) onError(`Webhook ${url} answered ${res.status} to ${event.orderId}.`);
    } catch (error) {
      onError(
        error instanceof ClientCallError
          ? `Failed to deliver ${event.type} ${event.orderId} to ${url}: ${error.message}`
          : String(error),
      );
    }
  }

  return {
    publish(event) {
      for (const { url, send } of subscribers) {
        const delivery = deliver(url, send, event).finally(() => inFlight.delete(delivery));
        inFlight.add(delivery);
      }
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
