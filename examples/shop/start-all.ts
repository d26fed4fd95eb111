/**
 * Starts the whole shop in one process, each service on its own port, wired to each other:
 * gateway 4100, orders 4101, inventory 4102, payments 4103, notifications 4104 (base port from
 * SHOP_BASE_PORT; 0 = ephemeral ports for all). Tests import `startShop`; `tsx start-all.ts` runs it.
 */
import { pathToFileURL } from 'node:url';
import { start as startGateway } from './gateway/src/server.js';
import { start as startInventory } from './inventory/src/server.js';
import { start as startNotifications } from './notifications/src/server.js';
import { start as startOrders } from './orders/src/server.js';
import { start as startPayments } from './payments/src/server.js';
import type { RunningServer } from './shared/http.js';

export interface ShopOptions {
  /** gateway gets basePort, then orders, inventory, payments, notifications; 0 = ephemeral. */
  basePort?: number;
  host?: string;
  rateLimit?: { burst: number; perSecond: number; now?: () => number };
  timeoutMs?: number;
}

export type Shop = {
  gateway: RunningServer;
  orders: Awaited<ReturnType<typeof startOrders>>;
  inventory: Awaited<ReturnType<typeof startInventory>>;
  payments: Awaited<ReturnType<typeof startPayments>>;
  notifications: Awaited<ReturnType<typeof startNotifications>>;
  close(): Promise<void>;
};

export async function startShop(options: ShopOptions = {}): Promise<Shop> {
  const base = options.basePort ?? 0;
  const port = (offset: number) => (base === 0 ? 0 : base + offset);
  const host = options.host ?? '127.0.0.1';
  const timeouts = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  const inventory = await startInventory({ port: port(2), host });
  const payments = await startPayments({ port: port(3), host });
  const notifications = await startNotifications({ port: port(4), host });
  const orders = await startOrders({
    port: port(1),
    host,
    inventoryUrl: inventory.url,
    paymentsUrl: payments.url,
    notifyUrls: [`${notifications.url}/webhooks/order-placed`],
    ...timeouts,
  });
  const gateway = await startGateway({
    port: port(0),
    host,
    ordersUrl: orders.url,
    inventoryUrl: inventory.url,
    ...timeouts,
    ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
  });
  return {
    gateway,
    orders,
    inventory,
    payments,
    notifications,
    async close() {
      await gateway.close();
      await orders.close();
      await Promise.all([inventory.close(), payments.close(), notifications.close()]);
    },
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const shop = await startShop({ basePort: Number(process.env.SHOP_BASE_PORT ?? 4100) });
  for (const name of ['gateway', 'orders', 'inventory', 'payments', 'notifications'] as const) {
    console.log(`${name.padEnd(13)} ${shop[name].url}`);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void shop.close().then(() => process.exit(0));
    });
  }
}
