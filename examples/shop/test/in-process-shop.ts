/**
 * The whole shop in this test process, each service on an ephemeral port, wired to each other,
 * with its stores and clock in the test's hands (shop.test.ts). To run the shop as programs,
 * use `gauntlet up` (README), which starts each service from gauntlet.config.ts.
 */
import { start as startGateway } from '../gateway/src/server.js';
import { start as startInventory } from '../inventory/src/server.js';
import { start as startNotifications } from '../notifications/src/server.js';
import { start as startOrders } from '../orders/src/server.js';
import { start as startPayments } from '../payments/src/server.js';
import type { RunningServer } from '../shared/http.js';

export interface ShopOptions {
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
  const host = options.host ?? '127.0.0.1';
  const timeouts = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  const inventory = await startInventory({ port: 0, host });
  const payments = await startPayments({ port: 0, host });
  const notifications = await startNotifications({ port: 0, host });
  const orders = await startOrders({
    port: 0,
    host,
    inventoryUrl: inventory.url,
    paymentsUrl: payments.url,
    notifyUrls: [`${notifications.url}/webhooks/order-placed`],
    ...timeouts,
  });
  const gateway = await startGateway({
    port: 0,
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
