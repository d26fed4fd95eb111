import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContracts } from '../../src/adapters/msw/load-handlers.js';
import { generateClient } from '../../src/generate/client/generate-client.js';
import { REPO } from './generate-project.js';

// Generated clients committed to the repo must be what the generator makes from their contract
// today. When this fails, run the command in the file's header (second line).
// The shop's clients are generated once per provider and shared by every consumer (the gateway
// and orders both call inventory through the same one), as a provider's maker would publish them.
const COMMITTED = [
  { contract: 'contracts/openapi/orders.yaml', out: 'examples/shop/clients/generated/orders' },
  {
    contract: 'contracts/openapi/inventory.yaml',
    out: 'examples/shop/clients/generated/inventory',
  },
  { contract: 'contracts/raml/payments.raml', out: 'examples/shop/clients/generated/payments' },
  { contract: 'test/generate/fixtures/pets.yaml', out: 'test/generate/generated/pets-client' },
];

describe('committed generated clients', () => {
  for (const { contract, out } of COMMITTED) {
    it(`${out} is up to date with ${contract}`, async () => {
      const [service] = await loadContracts([contract], REPO);
      const fresh = await generateClient(service!, {
        source: contract,
        command: `gauntlet generate client ${contract} --out ${out}`,
      });
      // Exactly the generated files: a file the generator no longer writes must go too.
      expect((await readdir(join(REPO, out))).sort()).toEqual(
        fresh.files.map((file) => file.path).sort(),
      );
      for (const file of fresh.files) {
        expect(await readFile(join(REPO, out, file.path), 'utf8'), file.path).toEqual(file.text);
      }
    });
  }
});
