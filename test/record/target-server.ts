// A small real service for the recorder to forward to.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TargetServer {
  url: string;
  /** Authorization headers the target saw (the recorder must forward them untouched). */
  seenAuthorization: string[];
  close(): Promise<void>;
}

export async function startTarget(): Promise<TargetServer> {
  const seenAuthorization: string[] = [];
  const server: Server = createServer((req, res) => {
    if (req.headers.authorization !== undefined) seenAuthorization.push(req.headers.authorization);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'POST' && url.pathname === '/orders') {
        const order = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { item: string };
        res.writeHead(201, { 'content-type': 'application/json', location: '/orders/o9' });
        res.end(JSON.stringify({ id: 'o9', item: order.item }));
        return;
      }
      if (url.pathname.startsWith('/orders/')) {
        res.writeHead(200, {
          'content-type': 'application/json',
          'set-cookie': 'session=abc123; HttpOnly',
          'x-internal-token': 'tok-42',
        });
        res.end(JSON.stringify({ id: url.pathname.slice(8), page: url.searchParams.get('page') }));
        return;
      }
      if (url.pathname === '/logo.bin') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(Buffer.from([0, 255, 1, 254]));
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('no such thing');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seenAuthorization,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
