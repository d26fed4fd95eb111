import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContracts } from '../fs/load-services.js';
import { type RunningMock, startMock } from '../http/start-mock.js';
import { createHandlers } from './create-handlers.js';

const CONTRACTS = ['contracts/openapi/orders.yaml', 'contracts/raml/payments.raml'];

interface Seen {
  status: number;
  contentType: string | null;
  body: string;
}

async function seen(response: Response): Promise<Seen> {
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: await response.text(),
  };
}

// The same requests sent to `gauntlet mock` over HTTP and to MSW handlers in-process.
const REQUESTS: Array<{ name: string; path: string; init?: RequestInit }> = [
  { name: 'an example answer', path: '/orders/orders/o-1', init: { headers: { 'x-user': 'ann' } } },
  { name: 'missing auth header', path: '/orders/orders/o-1' },
  {
    name: 'Prefer picks the 404 example',
    path: '/orders/orders/o-9',
    init: { headers: { 'x-user': 'ann', prefer: 'code=404' } },
  },
  {
    name: 'an invalid body',
    path: '/orders/orders',
    init: {
      method: 'POST',
      headers: { 'x-user': 'ann', 'content-type': 'application/json' },
      body: JSON.stringify({ sku: 7 }),
    },
  },
  { name: 'an unknown route', path: '/orders/nothing-here' },
  {
    name: 'a method the contract does not allow',
    path: '/orders/health',
    init: { method: 'DELETE' },
  },
  { name: 'the service listing', path: '/' },
];

describe('createHandlers', () => {
  let mock: RunningMock;
  const base = 'http://shop.test';
  const server = setupServer();

  beforeAll(async () => {
    const services = await loadContracts(CONTRACTS, process.cwd());
    mock = await startMock({ services, port: 0, warn: () => {} });
    server.use(...createHandlers({ contracts: mock.services, baseUrl: base, onWarning: () => {} }));
    server.listen({ onUnhandledRequest: 'bypass' });
  });
  afterAll(async () => {
    server.close();
    await mock?.close();
  });

  for (const request of REQUESTS) {
    it(`answers ${request.name} exactly as gauntlet mock does`, async () => {
      const overHttp = await seen(await fetch(`${mock.url}${request.path}`, request.init));
      const overMsw = await seen(await fetch(`${base}${request.path}`, request.init));
      // The listing names the URL the request came in on; everything else is byte-identical.
      if (request.path === '/') {
        expect(overMsw.body).toEqual(overHttp.body.replaceAll(mock.url, base));
      } else {
        expect(overMsw).toEqual(overHttp);
      }
    });
  }

  it('gives per-test overrides (server.use) precedence over the contracts', async () => {
    server.use(
      http.get(`${base}/orders/orders/o-1`, () => HttpResponse.json({ overridden: true })),
    );
    try {
      const answer = await fetch(`${base}/orders/orders/o-1`);
      expect(await answer.json()).toEqual({ overridden: true });
    } finally {
      server.resetHandlers(
        ...createHandlers({ contracts: mock.services, baseUrl: base, onWarning: () => {} }),
      );
    }
  });

  it('lets requests outside the base URL fall through to the next handler', async () => {
    server.use(http.get('http://elsewhere.test/x', () => HttpResponse.text('elsewhere')));
    const answer = await fetch('http://elsewhere.test/x');
    expect(await answer.text()).toEqual('elsewhere');
  });

  it('serves each service at its own base URL when given a record', async () => {
    const own = setupServer(
      ...createHandlers({
        contracts: mock.services,
        baseUrl: { orders: 'http://orders.test/api', payments: 'http://payments.test' },
        onWarning: () => {},
      }),
    );
    server.close();
    own.listen({ onUnhandledRequest: 'error' });
    try {
      const health = await fetch('http://orders.test/api/health');
      expect({ status: health.status, body: await health.json() }).toEqual({
        status: 200,
        body: { status: 'ok' },
      });
    } finally {
      own.close();
      server.listen({ onUnhandledRequest: 'bypass' });
    }
  });

  it('refuses a service without a base URL', () => {
    expect(() =>
      createHandlers({ contracts: mock.services, baseUrl: { orders: 'http://orders.test' } }),
    ).toThrow(/no base URL is given for the service "payments"/);
  });
});
