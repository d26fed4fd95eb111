/** gateway → inventory (contracts/openapi/inventory.yaml): stock levels for the order summary. */
import { isRecord } from '../../../shared/http.js';
import { fetchUpstream, type UpstreamOptions } from '../upstream.js';

export interface Stock {
  sku: string;
  available: number;
}

export interface InventoryClient {
  /** The stock level, or undefined when inventory does not know the SKU. Throws when unavailable. */
  getStock(sku: string): Promise<Stock | undefined>;
}

export function createInventoryClient(baseUrl: string, options: UpstreamOptions): InventoryClient {
  const base = baseUrl.replace(/\/$/, '');
  return {
    async getStock(sku) {
      const answer = await fetchUpstream(
        `${base}/stock/${encodeURIComponent(sku)}`,
        { method: 'GET', headers: { accept: 'application/json' } },
        options,
      );
      if (answer.status === 404) return undefined;
      const body: unknown = answer.status === 200 ? JSON.parse(answer.body) : undefined;
      if (isRecord(body) && typeof body.sku === 'string' && typeof body.available === 'number') {
        return { sku: body.sku, available: body.available };
      }
      throw new Error(`inventory answered GET /stock/${sku} with ${answer.status}.`);
    },
  };
}
