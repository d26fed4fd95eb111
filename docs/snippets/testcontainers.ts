// gauntlet/testcontainers in an integration test's setup: a Gauntlet mock of inventory and a
// Toxiproxy in front of it, on one container network.
import {
  ensureImage,
  GauntletMockContainer,
  startNetwork,
  ToxiproxyContainer,
} from 'gauntlet/testcontainers';

export default async function setup(): Promise<{ inventoryUrl: string; stop(): Promise<void> }> {
  await ensureImage('mock', { offline: true });
  const network = await startNetwork();
  const inventory = await new GauntletMockContainer('contracts/openapi/inventory.yaml')
    .withNetwork(network)
    .withNetworkAliases('inventory')
    .start();
  const toxiproxy = await new ToxiproxyContainer().withNetwork(network).start();
  const proxy = await toxiproxy.createProxy({
    name: 'orders_to_inventory',
    upstream: 'inventory:4010',
  });
  // Point the service under test at proxy.url; add toxics with toxiproxy.client.addToxic(…).
  return {
    inventoryUrl: proxy.url,
    stop: async () => {
      await toxiproxy.stop();
      await inventory.stop();
      await network.stop();
    },
  };
}
