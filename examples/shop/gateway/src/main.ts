/**
 * Runs the gateway as its own program. PORT (default 4100), HOST, ORDERS_URL, INVENTORY_URL,
 * RATE_LIMIT_BURST (default 50), RATE_LIMIT_PER_SECOND (default 25), CALL_TIMEOUT_MS (2000).
 */
import { start } from './server.js';

const env = process.env;
const running = await start({
  port: Number(env.PORT ?? 4100),
  host: env.HOST ?? '127.0.0.1',
  ordersUrl: env.ORDERS_URL ?? 'http://127.0.0.1:4101',
  inventoryUrl: env.INVENTORY_URL ?? 'http://127.0.0.1:4102',
  rateLimit: {
    burst: Number(env.RATE_LIMIT_BURST ?? 50),
    perSecond: Number(env.RATE_LIMIT_PER_SECOND ?? 25),
  },
  timeoutMs: Number(env.CALL_TIMEOUT_MS ?? 2000),
});
console.log(`gateway listening on ${running.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
