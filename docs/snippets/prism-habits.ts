// Prism's mock controls, answered the same way by Gauntlet's mock (every behaviour, with the
// differences: the Fidelity page). Run from a project made by `gauntlet init`.
import { strict as assert } from 'node:assert';
import { startMock } from 'gauntlet';

export default async function example(): Promise<void> {
  const mock = await startMock({ contracts: ['contracts/petstore.yaml'], port: 0, seed: 1 });
  const call = (path: string, init?: RequestInit) => fetch(`${mock.url}${path}`, init);
  const json = { 'content-type': 'application/json' };
  try {
    // Which response: Prefer: code=… (or its query twin __code), else the lowest 2xx.
    assert.equal((await call('/pets/1', { headers: { Prefer: 'code=404' } })).status, 404);
    assert.equal((await call('/pets/1?__code=404')).status, 404);
    assert.equal(
      (await call('/pets', { method: 'POST', headers: json, body: '{"name":"Kit"}' })).status,
      201,
    );

    // A body generated from the schema instead of the example: dynamic=true / __dynamic=true.
    const generated = (await (await call('/pets/1?__dynamic=true')).json()) as { name: string };
    assert.equal(typeof generated.name, 'string');

    // A request that breaks the contract gets the contract's own 422 (else a 422 problem).
    const invalid = await call('/pets', { method: 'POST', headers: json, body: '{"name":""}' });
    assert.equal(invalid.status, 422);

    // A method the path does not declare: 405 with Allow.
    const deleted = await call('/pets/1', { method: 'DELETE' });
    assert.equal(deleted.status, 405);
    assert.equal(deleted.headers.get('allow'), 'GET');
  } finally {
    await mock.close();
  }
}
