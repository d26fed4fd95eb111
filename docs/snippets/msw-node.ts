// The same contract answered inside the test process by MSW, no port at all: Gauntlet's engine
// behind MSW request handlers (works with setupWorker in the browser too).
import { strict as assert } from 'node:assert';
import { loadPaths } from 'gauntlet';
import { createHandlers } from 'gauntlet/msw';
import { setupServer } from 'msw/node';

export default async function example(): Promise<void> {
  const sources = await loadPaths(['contracts/petstore.yaml'], { cwd: process.cwd() });
  const services = sources.flatMap((source) => (source.service ? [source.service] : []));
  const server = setupServer(
    ...createHandlers({ contracts: services, baseUrl: 'http://petstore.test' }),
  );
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const response = await fetch('http://petstore.test/pets/1');
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { name: string }).name, 'Rex');
  } finally {
    server.close();
  }
}
