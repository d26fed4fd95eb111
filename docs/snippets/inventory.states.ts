// A provider-states module: how the gate starts inventory in its own process, and how it puts
// inventory in each state a consumer's pact names (`Given SKU abc has 3 in stock`).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defineProviderStates } from 'gauntlet';

// Stands in for your service's real store and server.
const stock = new Map<string, number>();

export const { states, beforeEach } = defineProviderStates({
  // Every interaction starts from an empty store.
  beforeEach: () => stock.clear(),
  states: {
    // The pact's state params arrive as the handler's argument.
    'SKU abc has 3 in stock': ({ sku = 'abc', available = 3 }) => {
      stock.set(String(sku), Number(available));
    },
  },
});

export async function startProvider(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const sku = /^\/stock\/([^/]+)$/.exec(req.url ?? '')?.[1];
    const available = sku === undefined ? undefined : stock.get(sku);
    res.writeHead(available === undefined ? 404 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(available === undefined ? {} : { sku, available }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
