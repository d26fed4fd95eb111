// startMock() with the real engine over real sockets: how services are laid out on ports.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../../src/adapters/http/start-mock.js';
import { ORDERS_JSON, PETS_YAML, specFolder } from './specs.js';

let folder: Awaited<ReturnType<typeof specFolder>>;
const running: RunningMock[] = [];
const warnings: string[] = [];

async function start(options: Parameters<typeof startMock>[0]): Promise<RunningMock> {
  const mock = await startMock({
    port: 0,
    cwd: folder.dir,
    warn: (l) => warnings.push(l),
    ...options,
  });
  running.push(mock);
  return mock;
}

beforeAll(async () => {
  folder = await specFolder({ 'pets.yaml': PETS_YAML, 'orders.json': ORDERS_JSON });
});

afterAll(async () => {
  for (const mock of running) await mock.close();
  await folder.cleanup();
});

describe('one service', () => {
  it('is served at the root, like `prism mock spec.yaml`', async () => {
    const mock = await start({ contracts: ['pets.yaml'] });
    expect(mock.urls).toEqual({ 'pet-store': mock.url });
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await fetch(`${mock.url}/pets/1`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(await answer.json()).toEqual({ id: 1, name: 'Rex' });
  });

  it('answers 400 problem+json to malformed JSON', async () => {
    const mock = await start({ contracts: ['pets.yaml'] });
    const answer = await fetch(`${mock.url}/pets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    const problem = await answer.json();
    expect(problem).toMatchObject({
      status: 400,
      type: 'https://gauntlet.dev/problems#BAD_REQUEST',
    });
    expect(problem.diagnostics[0].code).toBe('mock.request.body.malformed');
  });

  it('answers 413 to a body over maxBodyBytes before the engine sees it', async () => {
    const mock = await start({ contracts: ['pets.yaml'], maxBodyBytes: 64 });
    const answer = await fetch(`${mock.url}/pets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(100) }),
    });
    expect(answer.status).toBe(413);
    expect((await answer.json()).diagnostics[0].code).toBe('mock.request.body.too-large');
  });

  it('takes a mock name from `names` (file path or title)', async () => {
    const byFile = await start({ contracts: ['pets.yaml'], names: { 'pets.yaml': 'pets' } });
    expect(Object.keys(byFile.urls)).toEqual(['pets']);
    const byTitle = await start({ contracts: ['pets.yaml'], names: { 'Pet Store': 'animals' } });
    expect(Object.keys(byTitle.urls)).toEqual(['animals']);
  });

  it('logs one line per request when asked', async () => {
    const lines: string[] = [];
    const mock = await start({ contracts: ['pets.yaml'], log: (l) => lines.push(l) });
    await (await fetch(`${mock.url}/pets/1?x=1`)).arrayBuffer();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^GET \/pets\/1\?x=1 → 200 \(\d+\.\d ms\)$/);
  });
});

describe('several services on one port', () => {
  it('mounts each under /<name> and lists them at GET /', async () => {
    const mock = await start({ contracts: ['.'] });
    expect(mock.urls).toEqual({
      'order-api': `${mock.url}/order-api`,
      'pet-store': `${mock.url}/pet-store`,
    });
    const pet = await fetch(`${mock.urls['pet-store']}/pets/1`);
    expect(await pet.json()).toEqual({ id: 1, name: 'Rex' });
    const orders = await fetch(`${mock.urls['order-api']}/orders`);
    expect(await orders.json()).toEqual([{ id: 'o-1', total: 12.5 }]);
    const unprefixed = await fetch(`${mock.url}/pets/1`);
    expect(unprefixed.status).toBe(404);
    const listing = await (await fetch(`${mock.url}/`)).json();
    expect(listing.services.map((s: { name: string; url: string }) => [s.name, s.url])).toEqual([
      ['order-api', `${mock.url}/order-api`],
      ['pet-store', `${mock.url}/pet-store`],
    ]);
  });

  it('gives each service its own port with `ports`', async () => {
    const mock = await start({ contracts: ['orders.json', 'pets.yaml'], ports: true });
    const orderUrl = mock.urls['order-api']!;
    const petUrl = mock.urls['pet-store']!;
    expect(new URL(orderUrl).port).not.toBe(new URL(petUrl).port);
    expect(new URL(petUrl).pathname).toBe('/');
    expect(mock.url).toBe(orderUrl);
    expect(await (await fetch(`${petUrl}/pets/1`)).json()).toEqual({ id: 1, name: 'Rex' });
    expect(await (await fetch(`${orderUrl}/orders`)).json()).toEqual([{ id: 'o-1', total: 12.5 }]);
    expect((await fetch(`${orderUrl}/pets/1`)).status).toBe(404);
  });

  it('counts ports up from `port` with `ports`', async () => {
    // Find two free consecutive ports by asking for one and trying the next.
    for (let attempt = 0; attempt < 5; attempt++) {
      const probe = createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const base = (probe.address() as AddressInfo).port;
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      if (base > 65000) continue;
      try {
        const mock = await start({
          contracts: ['orders.json', 'pets.yaml'],
          ports: true,
          port: base,
        });
        expect(mock.urls).toEqual({
          'order-api': `http://127.0.0.1:${base}`,
          'pet-store': `http://127.0.0.1:${base + 1}`,
        });
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== 'GAUNTLET_E_MOCK_LISTEN') throw error;
      }
    }
    throw new Error('no two consecutive free ports found in 5 attempts');
  });
});

describe('callbacks', () => {
  let receiver: Server;
  const received: Array<{ url: string; body: string; contentType: string | undefined }> = [];
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({
          url: req.url ?? '',
          body: Buffer.concat(chunks).toString('utf8'),
          contentType: req.headers['content-type'],
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('fires the contract callback to the URL from the request body after answering', async () => {
    const mock = await start({ contracts: [join(folder.dir, 'pets.yaml')] });
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/pets`;
    const answer = await fetch(`${mock.url}/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ callbackUrl: hook }),
    });
    expect(answer.status).toBe(201);
    expect(await answer.json()).toEqual({ id: 'sub-1' });
    for (let i = 0; i < 50 && received.length === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(received).toHaveLength(1);
    expect(received[0]!.url).toBe('/hooks/pets');
    expect(JSON.parse(received[0]!.body)).toEqual({ event: 'pet.added', petId: 7 });
  });

  it('prints a callback that cannot be delivered as a warning, once', async () => {
    warnings.length = 0;
    const mock = await start({ contracts: ['pets.yaml'] });
    for (let i = 0; i < 3; i++) {
      const answer = await fetch(`${mock.url}/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ callbackUrl: 'http://127.0.0.1:9/nobody' }),
      });
      expect(answer.status).toBe(201);
      await answer.arrayBuffer();
    }
    await mock.close();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^\[gauntlet\] callback petAdded failed: POST http:\/\/127\.0\.0\.1:9\/nobody: /,
    );
  });
});

describe('errors', () => {
  it('refuses contracts that fail to load, naming the file', async () => {
    const broken = await specFolder({ 'broken.yaml': 'openapi: 3.0.3\ninfo: [\n' });
    try {
      await expect(
        startMock({ contracts: ['broken.yaml'], cwd: broken.dir, port: 0 }),
      ).rejects.toMatchObject({
        code: 'GAUNTLET_E_SPEC_PARSE',
      });
    } finally {
      await broken.cleanup();
    }
  });
});
