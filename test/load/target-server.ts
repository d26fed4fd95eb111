import { createServer, type Server } from 'node:http';

/**
 * A bare node:http target for the load tests: `/ok` answers at once, `/slow?ms=N` after N ms,
 * `/fail` with 500, `/json` a small JSON body.
 */
export async function startTarget(): Promise<{
  url: string;
  hits: () => number;
  close: () => Promise<void>;
}> {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits++;
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/slow') {
      setTimeout(() => res.end('slow'), Number(url.searchParams.get('ms') ?? 100));
      return;
    }
    if (url.pathname === '/fail') {
      res.statusCode = 500;
      res.end('no');
      return;
    }
    if (url.pathname === '/json') {
      res.setHeader('content-type', 'application/json');
      res.end('{"id":"o-1"}');
      return;
    }
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
