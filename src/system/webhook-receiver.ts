import type { Service } from '../model/index.js';

/**
 * The receiving side of a service's webhooks as a service a mock can serve: every webhook
 * operation of `service` becomes an operation at `path` (where the caller is configured to
 * deliver, e.g. `/webhooks/order-placed`). OpenAPI 3.1 webhooks have no path of their own; the
 * subscriber chooses it, so the config names it (`dependsOn[].path`).
 *
 * @example
 * webhookReceiver(orderEvents, '/webhooks/order-placed').operations[0].path; // '/webhooks/order-placed'
 */
export function webhookReceiver(service: Service, path: string): Service {
  return {
    ...service,
    servers: [],
    operations: service.webhooks.map((op) => ({ ...op, path })),
    webhooks: [],
  };
}
