/**
 * Runs orders as its own program. PORT (default 4101), HOST, INVENTORY_URL, PAYMENTS_URL,
 * NOTIFY_URLS (comma-separated webhook URLs), CALL_TIMEOUT_MS (default 2000).
 */
import { start } from './server.js';

const env = process.env;
const running = await start({
  port: Number(env.PORT ?? 4101),
  host: env.HOST ?? '127.0.0.1',
  inventoryUrl: env.INVENTORY_URL ?? 'http://127.0.0.1:4102',
  paymentsUrl: env.PAYMENTS_URL ?? 'http://127.0.0.1:4103',
  notifyUrls: (env.NOTIFY_URLS ?? 'http://127.0.0.1:4104/webhooks/order-placed')
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url !== ''),
  timeoutMs: Number(env.CALL_TIMEOUT_MS ?? 2000),
});
console.log(`orders listening on ${running.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
