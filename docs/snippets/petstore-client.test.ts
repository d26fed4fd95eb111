// A typed call through the client `gauntlet generate client` wrote, against the mocked petstore.
import { useMocks } from 'gauntlet/vitest';
import { expect, it } from 'vitest';
import { createPetstoreClient } from '../src/clients/petstore/index.js';

const mocks = useMocks({ contracts: { petstore: 'contracts/petstore.yaml' } });

it('lists pets through the generated client', async () => {
  const client = createPetstoreClient({ baseUrl: mocks.urls.petstore, headers: mocks.headers() });
  const { data, response } = await client.GET('/pets', { params: { query: { limit: 2 } } });
  expect(response.status).toBe(200);
  expect(data?.map((pet) => pet.name)).toEqual(['Rex', 'Tom']);
});
