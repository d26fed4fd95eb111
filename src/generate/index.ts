// Code generation for the public API. The client generator needs openapi-typescript and the
// TypeScript compiler (seconds to load): it is imported on first use, so `import 'gauntlet'`
// stays fast for everyone who never generates a client.
import type * as Client from './client/generate-client.js';

export type {
  GenerateClientOptions,
  GeneratedClient,
  GeneratedFile,
} from './client/generate-client.js';
export type { GenerateMswOptions } from './msw/generate-msw.js';
export { generateMswModule } from './msw/generate-msw.js';

/**
 * A typed client library for a service (openapi-typescript types over openapi-fetch, with the
 * resilience of gauntlet/client-runtime): the files to write, and what could not be used.
 *
 * @example
 * const client = await generateClient(service, { name: 'Inventory' });
 * for (const file of client.files) await writeFile(join('clients/inventory', file.path), file.content);
 */
export async function generateClient(
  ...args: Parameters<typeof Client.generateClient>
): ReturnType<typeof Client.generateClient> {
  const { generateClient: generate } = await import('./client/generate-client.js');
  return generate(...args);
}
