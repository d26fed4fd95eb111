// Pact stubs and Hoverfly pairs served by startMock over real sockets.
import { request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../../src/adapters/http/start-mock.js';

const corpus = resolve(process.cwd(), '../shared/corpus');
let mock: RunningMock;

beforeAll(async () => {
  mock = await startMock({
    contracts: [
      resolve(process.cwd(), 'contracts/pacts/orders-inventory.json'),
      resolve(corpus, 'hoverfly/docs/pages/simulations/basic-simulation.json'),
      resolve(corpus, 'hoverfly/docs/pages/simulations/basic-delay-simulation.json'),
    ],
    port: 0,
    validateRequests: 'off',
    warn: () => undefined,
  });
});

afterAll(async () => {
  await mock.close();
});

/** fetch() may not set Host; node:http may, which is how a client reaches a virtual host. */
function get(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((ok, fail) => {
    const req = httpRequest(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('stubs over HTTP', () => {
  it('serves pact interactions: the request body picks the interaction', async () => {
    const url = Object.entries(mock.urls).find(([name]) => name.includes('inventory'))?.[1];
    expect(url).toBeDefined();
    const reserve = (sku: string, quantity: number) =>
      fetch(`${url}/reservations`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ orderId: 'o-77', quantity, sku }),
      });
    const soldOut = await reserve('sold-out', 1);
    expect({ status: soldOut.status, type: soldOut.headers.get('content-type') }).toEqual({
      status: 409,
      type: 'application/problem+json',
    });
    const ok = await reserve('abc', 2);
    expect({ status: ok.status, body: await ok.json() }).toEqual({
      status: 201,
      body: { id: 'r-1', orderId: 'o-1', quantity: 2, sku: 'abc' },
    });
    const miss = await reserve('abc', 3);
    expect(miss.status).toBe(404);
  });

  it('serves a Hoverfly pair whatever the Host, as Hoverfly in webserver mode does', async () => {
    const url = mock.urls['basic-simulation'];
    const res = await get(`${url}/pages/keyconcepts/templates.html?query=true`, {
      Host: 'docs.hoverfly.io',
    });
    expect(res).toEqual({
      status: 200,
      headers: expect.objectContaining({ hoverfly: 'Was-Here' }),
      body: 'Response from docs.hoverfly.io/pages/keyconcepts/templates.html',
    });
    const elsewhere = await get(`${url}/pages/keyconcepts/templates.html?query=true`, {
      Host: 'example.com',
    });
    expect(elsewhere.status).toBe(200);
  });

  it('honours delayMs from a simulation in the node adapter', async () => {
    const url = mock.urls['basic-delay-simulation'];
    const started = performance.now();
    const res = await fetch(`${url}/api/profile`);
    const took = performance.now() - started;
    expect({ status: res.status, waited: took >= 900 }).toEqual({ status: 200, waited: true });
  });
});
