/** gateway → inventory (contracts/openapi/inventory.yaml): stock levels for the order summary. */

import { createInventoryClient as createGeneratedClient } from '../../../clients/generated/inventory/index.js';
import type { UpstreamOptions } from '../upstream.js';
import { generatedOptions, unavailable } from './generated-options.js';

export interface Stock {
  sku: string;
  available: number;
}

export interface InventoryClient {
  /** The stock level, or undefined when inventory does not know the SKU. Throws when unavailable. */
  getStock(sku: string): Promise<Stock | undefined>;
}

export function createInventoryClient(baseUrl: string, options: UpstreamOptions): InventoryClient {
  const inventory = createGeneratedClient(generatedOptions(baseUrl.replace(/\/$/, ''), options));
  return {
    async getStock(sku) {
      const { data, response } = await inventory
        .GET('/stock/{sku}', {
          params: { path: { sku } },
          headers: { accept: 'application/json' },
        })
        .catch((error: unknown) => {
          throw unavailable(error);
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
