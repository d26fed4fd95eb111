/**
 * Browser stand-in for `node:module`, used when bundling the page (see msw-page.test.ts).
 * src/mock/fake.ts loads json-schema-faker lazily through `createRequire`, which browsers do
 * not have; here the bundler includes the package and `require` hands it over.
 */
import { JSONSchemaFaker } from 'json-schema-faker';

export function createRequire(_from: string): (id: string) => unknown {
  return (id) => {
    if (id === 'json-schema-faker') return { JSONSchemaFaker };
    throw new Error(`Failed to require ${id}: because only json-schema-faker is bundled.`);
  };
}
