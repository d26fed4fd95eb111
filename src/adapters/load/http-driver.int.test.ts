import { createServer, type Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpDriver } from './http-driver.js';

// A target whose phases are known: /split?head=H&body=B answers its headers after H ms and
// ends its body B ms later; /echo reads the request body first.
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname === '/split') {
      const head = Number(u.searchParams.get('head') ?? 0);
      const body = Number(u.searchParams.get('body') ?? 0);
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('first ');
        setTimeout(() => res.end('last'), body);
      }, head);
      return;
    }
    let n = 0;
    req.on('data', (chunk: Buffer) => (n += chunk.length));
    req.on('end', () => res.end(String(n)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const get = (path: string) => ({ method: 'GET', url: path, headers: {}, timeoutMs: 5000 });

describe('the HTTP driver: k6 timing phases', () => {
  it('splits a request into blocked, connecting, sending, waiting and receiving that add up to its duration', async () => {
    const driver = createHttpDriver({ baseUrl: url, connections: 1 });
    try {
      // Due 30 ms ago: the generator's lag is blocked time, and counted in the duration.
      const intended = performance.now() - 30;
      const { response } = await driver.send(get('/split?head=60&body=40'), intended);
      const t = response.timings;
      expect(response.status).toBe(200);
      expect(response.body).toBe('first last');
      expect(t.blocked).toBeGreaterThanOrEqual(29);
      expect(t.connecting).toBeGreaterThan(0);
      expect(t.tls_handshaking).toBe(0);
      // The server holds the head 60 ms after the request arrived, the end 40 ms more. How those
      // 40 ms split between waiting and receiving depends on when this process gets to read (on
      // a busy machine it may read head and end in one go): only the sums are certain.
      expect(t.waiting).toBeGreaterThanOrEqual(55);
      expect(t.waiting + t.receiving).toBeGreaterThanOrEqual(95);
      expect(t.receiving).toBeGreaterThanOrEqual(0);
      expect(t.sending).toBeGreaterThanOrEqual(0);
      expect(t.sending).toBeLessThan(t.waiting);
      const sum =
        t.blocked + t.connecting + t.tls_handshaking + t.sending + t.waiting + t.receiving;
      expect(sum).toBeCloseTo(t.duration, 6);
    } finally {
      await driver.close();
    }
  });

  it('reports connecting only on the first request of a socket: a kept-alive one connects no more', async () => {
    const driver = createHttpDriver({ baseUrl: url, connections: 1 });
    try {
      const first = await driver.send(get('/split'), performance.now());
      const second = await driver.send(get('/split'), performance.now());
      expect(first.response.timings.connecting).toBeGreaterThan(0);
      expect(second.response.timings.connecting).toBe(0);
    } finally {
      await driver.close();
    }
  });

  it('counts the bytes written and read, and times the sending of a body', async () => {
    const driver = createHttpDriver({ baseUrl: url, connections: 1 });
    try {
      const body = 'x'.repeat(64 * 1024);
      const { response, timings } = await driver.send(
        {
          method: 'POST',
          url: '/echo',
          headers: { 'content-type': 'text/plain' },
          body,
          timeoutMs: 5000,
        },
        performance.now(),
      );
      expect(response.body).toBe(String(body.length));
      // The request line and headers, then the body.
      expect(timings.bytesSent).toBeGreaterThan(body.length + 40);
      expect(timings.bytesSent).toBeLessThan(body.length + 400);
      expect(timings.bytesReceived).toBeGreaterThan(5);
      expect(timings.sent).toBeGreaterThanOrEqual(timings.started);
      expect(timings.end).toBeGreaterThanOrEqual(timings.headers);
    } finally {
      await driver.close();
    }
  });

  it('gives a refused connection status 0, an error, no bytes sent, and a duration still from the intended start', async () => {
    const driver = createHttpDriver({ baseUrl: 'http://127.0.0.1:9', connections: 1 });
    try {
      const intended = performance.now() - 10;
      const { response, timings } = await driver.send(get('/'), intended);
      expect(response.status).toBe(0);
      expect(response.error).toMatch(/ECONNREFUSED/);
      expect(timings.bytesSent).toBe(0);
      expect(response.timings.duration).toBeGreaterThanOrEqual(10);
      expect(response.timings.waiting).toBe(0);
    } finally {
      await driver.close();
    }
  });
});
