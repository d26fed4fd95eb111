import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContracts } from '../../../../src/adapters/msw/load-handlers.js';
import { generateClient } from '../../../../src/generate/client/generate-client.js';

// orders' generated clients must be what `gauntlet generate client` makes from their contracts
// today. When this fails, run the command in the failing file's header (second line).
const REPO = resolve(import.meta.dirname, '../../../..');
const COMMITTED = [
  {
    contract: 'contracts/openapi/inventory.yaml',
    out: 'examples/shop/orders/src/clients/generated/inventory',
  },
  {
    contract: 'contracts/raml/payments.raml',
    out: 'examples/shop/orders/src/clients/generated/payments',
  },
];

describe("orders' committed generated clients", () => {
  for (const { contract, out } of COMMITTED) {
    it(`${out} is up to date with ${contract}`, async () => {
      const [service] = await loadContracts([contract], REPO);
      expect(service).toBeDefined();
      const fresh = await generateClient(service!, {
        source: contract,
        command: `gauntlet generate client ${contract} --out ${out}`,
      });
      expect((await readdir(join(REPO, out))).sort()).toEqual(
        fresh.files.map((file) => file.path).sort(),
      );
      for (const file of fresh.files) {
        expect(await readFile(join(REPO, out, file.path), 'utf8'), file.path).toEqual(file.text);
      }
    });
  }
});
