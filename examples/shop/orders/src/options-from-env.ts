/**
 * What orders reads from its environment: PORT (default 4101), HOST, INVENTORY_URL,
 * PAYMENTS_URL, NOTIFY_URLS (comma-separated webhook URLs), CALL_TIMEOUT_MS (default 2000) and
 * GAUNTLET_SHOP_FRAGILE=1 (no timeout, no retry limit, no breaker: for chaos experiments).
 */
import type { OrdersStartOptions } from './server.js';

export function optionsFromEnv(env: Record<string, string | undefined>): OrdersStartOptions {
  return {
    port: Number(env.PORT ?? 4101),
    host: env.HOST ?? '127.0.0.1',
    inventoryUrl: env.INVENTORY_URL ?? 'http://127.0.0.1:4102',
    paymentsUrl: env.PAYMENTS_URL ?? 'http://127.0.0.1:4103',
    notifyUrls: (env.NOTIFY_URLS ?? 'http://127.0.0.1:4104/webhooks/order-placed')
      .split(',')
      .map((url) => url.trim())
      .filter((url) => url !== ''),
    timeoutMs: Number(env.CALL_TIMEOUT_MS ?? 2000),
    fragile: env.GAUNTLET_SHOP_FRAGILE === '1',
  };
}
