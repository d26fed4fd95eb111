// startMock from code: the mock `gauntlet mock` serves, in your own process (a test's setup, a
// dev script). Run from a project made by `gauntlet init`.
import { strict as assert } from 'node:assert';
import { startMock } from 'gauntlet';

export default async function example(): Promise<void> {
  const mock = await startMock({ contracts: ['contracts/petstore.yaml'], port: 0, seed: 1 });
  try {
    const response = await fetch(`${mock.url}/pets/1`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { id: 1, name: 'Rex', tag: 'dog' });
  } finally {
    await mock.close();
  }
}
