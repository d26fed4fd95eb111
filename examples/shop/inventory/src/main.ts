/**
 * Runs inventory as its own program: PORT (default 4102), HOST (default 127.0.0.1), and
 * INVENTORY_STOCK, JSON of units per SKU laid over the default stock (a load suite raises it so
 * that thousands of orders do not run the shelves dry).
 */
import { start } from './server.js';
import { createInventoryStore, DEFAULT_STOCK } from './store.js';

const extra = process.env.INVENTORY_STOCK
  ? (JSON.parse(process.env.INVENTORY_STOCK) as Record<string, number>)
  : {};
const running = await start({
  port: Number(process.env.PORT ?? 4102),
  host: process.env.HOST ?? '127.0.0.1',
  store: createInventoryStore({ ...DEFAULT_STOCK, ...extra }),
});
console.log(`inventory listening on ${running.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
