import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContracts } from '../../src/adapters/fs/load-services.js';
import { generateClient } from '../../src/generate/client/generate-client.js';
import { generateMswModule } from '../../src/generate/msw/generate-msw.js';
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

// Committed MSW modules, each with the command that made it on its second line.
const COMMITTED_MSW = [
  {
    contracts: ['contracts/openapi/orders.yaml', 'contracts/openapi/inventory.yaml'],
    out: 'examples/shop/gateway/test/generated/shop-msw.ts',
    baseUrl: 'http://shop.test',
  },
];

describe('committed generated MSW modules', () => {
  for (const { contracts, out, baseUrl } of COMMITTED_MSW) {
    it(`${out} is up to date with ${contracts.join(', ')}`, async () => {
      const text = await readFile(join(REPO, out), 'utf8');
      const services = (await loadContracts(contracts, REPO)).map((s) => ({
        ...s,
        file: s.file.replace(`${REPO.replace(/\/$/, '')}/`, ''),
      }));
      const command = `gauntlet generate msw ${contracts.join(' ')} --out ${out} --base-url ${baseUrl}`;
      // It imports the runtime by package name, as a user's project would.
      expect(generateMswModule(services, { sources: contracts, command, baseUrl })).toEqual(text);
    });
  }
});
