// Code generation for the public API. The client generator needs openapi-typescript and the
// TypeScript compiler (seconds to load): it is imported on first use, so `import 'gauntlet'`
// stays fast for everyone who never generates a client.
import type * as Client from './client/generate-client.js';
import type * as K6 from './k6/k6-script.js';

export type {
  GenerateClientOptions,
  GeneratedClient,
  GeneratedFile,
} from './client/generate-client.js';
export type { K6ScriptInput } from './k6/k6-script.js';
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

/**
 * A load suite as a k6 script (for teams that run k6 at scale): the script's text. Like the
 * client generator it needs the TypeScript compiler, so it is imported on first use.
 *
 * @example
 * const script = await generateK6Script({ suite, file: 'perf/checkout.load.ts', source, requests });
 */
export async function generateK6Script(
  ...args: Parameters<typeof K6.k6Script>
): Promise<ReturnType<typeof K6.k6Script>> {
  const { k6Script } = await import('./k6/k6-script.js');
  return k6Script(...args);
}
