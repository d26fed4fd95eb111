// The first test of the Getting-started guide: the sample contract from `gauntlet init`, mocked
// for the test file by useMocks. The newcomer test runs this file, as it is, in a fresh project.
import { useMocks } from 'gauntlet/vitest';
import { expect, it } from 'vitest';

const mocks = useMocks({ contracts: { petstore: 'contracts/petstore.yaml' } });

it('reads a pet from the mocked petstore', async () => {
  const response = await mocks.fetch(`${mocks.urls.petstore}/pets/1`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ id: 1, name: 'Rex', tag: 'dog' });
});

it('is told when a request breaks the contract', async () => {
  const response = await mocks.fetch(`${mocks.urls.petstore}/pets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: '' }), // minLength: 1
  });
  expect(response.status).toBe(422);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
});
