// Gauntlet's configuration: the services of your system, their contracts, how to start them and
// what they call. Every field is optional; flags on the command line override it. The reference
// of every field is in the docs (Reference → gauntlet.config.ts).
import { defineConfig } from 'gauntlet';

export default defineConfig({
  services: {
    // One entry per service: the contracts it provides (OpenAPI, RAML, Pact, Hoverfly, Postman).
    // `gauntlet mock contracts/` serves them; `gauntlet dev <service>` runs the service against
    // mocks of what it calls.
    petstore: {
      contracts: ['contracts/petstore.yaml'],
      // How to start the service for real (`gauntlet up`, `gauntlet run`), and where it is healthy:
      // start: { command: 'node', args: ['server.js'] },
      // port: 3000,
      // health: '/health',
      // The services it calls, and the environment variable it reads each one's URL from:
      // dependsOn: [{ service: 'inventory', env: 'INVENTORY_URL' }],
    },
  },
  // `gauntlet mock` defaults.
  mock: { port: 4010 },
  // `gauntlet ci`, the merge gate: which pacts to check, which providers to verify.
  // ci: { pacts: ['contracts/pacts'], environment: 'production' },
});
