// gauntlet.config.ts running Postman collections: against the real system in `gauntlet run`'s
// system stage, and against a started provider in the `ci` gate (docs/postman.md shows the
// `postman` region).
import { defineConfig } from 'gauntlet';

export default defineConfig({
  services: {
    gateway: { contracts: ['contracts/openapi/gateway.yaml'] },
    inventory: { contracts: ['contracts/openapi/inventory.yaml'] },
  },
  // #region postman
  run: {
    postman: [
      {
        collection: 'contracts/postman/gateway.postman_collection.json',
        service: 'gateway',
        variables: { token: 'token-alice' },
      },
    ],
  },
  ci: {
    verify: {
      inventory: {
        states: 'examples/shop/inventory/test/provider/states.ts',
        postman: [{ collection: 'contracts/postman/inventory.postman_collection.json' }],
      },
    },
  },
  // #endregion postman
});
