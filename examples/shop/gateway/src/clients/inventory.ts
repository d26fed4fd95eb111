/** gateway → inventory (contracts/openapi/inventory.yaml): stock levels for the order summary. */

import type { ResilientFetchOptions } from 'gauntlet/client-runtime';
import { createInventoryClient as createGeneratedClient } from '../../../clients/generated/inventory/index.js';

export interface Stock {
  sku: string;
  available: number;
}

export interface InventoryClient {
  /**
   * The stock level, or undefined when inventory does not know the SKU. Throws the runtime's
   * ClientCallError when inventory gives no answer.
   */
  getStock(sku: string): Promise<Stock | undefined>;
}

export function createInventoryClient(
  baseUrl: string,
  policy: ResilientFetchOptions,
): InventoryClient {
  const inventory = createGeneratedClient({ ...policy, baseUrl: baseUrl.replace(/\/$/, '') });
  return {
    async getStock(sku) {
      const { data, response } = await inventory.GET('/stock/{sku}', {
        params: { path: { sku } },
        headers: { accept: 'application/json' },
      });
      if (response.status === 404) return undefined;
      if (
        data !== undefined &&
        typeof data.sku === 'string' &&
        typeof data.available === 'number'
      ) {
        return { sku: data.sku, available: data.available };
      }
      throw new Error(`inventory answered GET /stock/${sku} with ${response.status}.`);
    },
  };
}
