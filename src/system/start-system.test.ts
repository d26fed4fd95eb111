import { describe, expect, it } from 'vitest';
import { isGauntletError } from '../errors.js';
import { emptyService, type HttpOperation } from '../model/index.js';
import { dependencyEnv, routedUrls } from './start-service.js';
import { startWaves } from './start-system.js';
import { webhookReceiver } from './webhook-receiver.js';

describe('startWaves', () => {
  it('starts leaves together, then each caller after everything it calls', () => {
    expect(
      startWaves({
        gateway: {
          dependsOn: [
            { service: 'orders', env: 'O' },
            { service: 'inventory', env: 'I' },
          ],
        },
        orders: {
          dependsOn: [
            { service: 'inventory', env: 'I' },
            { service: 'payments', env: 'P' },
            { service: 'notifications', env: 'N' },
          ],
        },
        inventory: {},
        payments: {},
        notifications: {},
      }),
    ).toEqual([['inventory', 'payments', 'notifications'], ['orders'], ['gateway']]);
  });

  it('refuses a cycle with GAUNTLET_E_CONFIG', () => {
    let error: unknown;
    try {
      startWaves({
        a: { dependsOn: [{ service: 'b', env: 'B' }] },
        b: { dependsOn: [{ service: 'a', env: 'A' }] },
      });
    } catch (e) {
      error = e;
    }
    expect(isGauntletError(error) && [error.code, error.message]).toEqual([
      'GAUNTLET_E_CONFIG',
      'Failed to order the services: because they depend on each other in a cycle (a → b → a).',
    ]);
  });
});

describe('routedUrls', () => {
  it('passes each edge of the consumer through the hook and leaves the other URLs alone', async () => {
    const seen: unknown[] = [];
    const urls = await routedUrls(
      'orders',
      [
        { service: 'inventory', env: 'INVENTORY_URL' },
        { service: 'payments', env: 'PAYMENTS_URL' },
      ],
      { inventory: 'http://127.0.0.1:1', payments: 'http://127.0.0.1:2', gateway: 'http://x' },
      async (edge) => {
        seen.push(edge);
        return edge.provider === 'payments' ? 'http://127.0.0.1:9' : edge.url;
      },
    );
    expect(urls).toEqual({
      inventory: 'http://127.0.0.1:1',
      payments: 'http://127.0.0.1:9',
      gateway: 'http://x',
    });
    expect(seen).toEqual([
      {
        consumer: 'orders',
        provider: 'inventory',
        url: 'http://127.0.0.1:1',
        env: 'INVENTORY_URL',
      },
      { consumer: 'orders', provider: 'payments', url: 'http://127.0.0.1:2', env: 'PAYMENTS_URL' },
    ]);
  });

  it('without a hook gives every URL as is', async () => {
    const urls = { inventory: 'http://127.0.0.1:1' };
    expect(
      await routedUrls('orders', [{ service: 'inventory', env: 'I' }], urls, undefined),
    ).toEqual(urls);
  });
});

describe('dependencyEnv', () => {
  it('sets each dependency variable to its URL plus path, leaving unknown ones unset', () => {
    expect(
      dependencyEnv(
        [
          { service: 'inventory', env: 'INVENTORY_URL' },
          { service: 'notifications', env: 'NOTIFY_URLS', path: '/webhooks/order-placed' },
          { service: 'payments', env: 'PAYMENTS_URL' },
        ],
        { inventory: 'http://127.0.0.1:1', notifications: 'http://127.0.0.1:2' },
      ),
    ).toEqual({
      INVENTORY_URL: 'http://127.0.0.1:1',
      NOTIFY_URLS: 'http://127.0.0.1:2/webhooks/order-placed',
    });
  });
});

describe('webhookReceiver', () => {
  it('serves each webhook operation at the path the subscriber chose', () => {
    const hook: HttpOperation = {
      id: 'orderPlaced',
      method: 'POST',
      path: '/',
      tags: [],
      parameters: [],
      responses: [{ status: '202', headers: [], contents: [] }],
      callbacks: [],
    };
    const events = {
      ...emptyService({
        name: 'order-events',
        title: 'order-events',
        format: 'openapi-3.1',
        file: 'e.yaml',
      }),
      servers: [{ url: 'http://localhost:4101' }],
      webhooks: [hook],
    };
    const receiver = webhookReceiver(events, '/webhooks/order-placed');
    expect(receiver.operations).toEqual([{ ...hook, path: '/webhooks/order-placed' }]);
    expect(receiver.webhooks).toEqual([]);
    expect(receiver.servers).toEqual([]);
  });
});
