// gauntlet.config.ts of a system whose merge gate verifies inventory against its consumers'
// pacts (docs/guide/ci-gate.md shows the `ci` region).
import { defineConfig } from 'gauntlet';

export default defineConfig({
  services: {
    inventory: { contracts: ['contracts/openapi/inventory.yaml'] },
    orders: {
      contracts: ['contracts/openapi/orders.yaml'],
      dependsOn: [{ service: 'inventory', env: 'INVENTORY_URL' }],
    },
  },
  // #region ci
  ci: {
    pacts: ['contracts/pacts'],
    verify: {
      inventory: { states: 'test/provider/inventory.states.ts' },
    },
    failOn: 'consumers',
    environment: 'production',
  },
  // #endregion ci
});
