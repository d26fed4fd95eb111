import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHandlers } from '../../src/adapters/msw/create-handlers.js';
import { chromium, runChromium } from '../../test/support/chromium.js';
import { describeNeeding } from '../../test/support/needs-tool.js';
import { contracts } from './src/generated/inventory-msw.js';

// The browser check: the page in this folder starts an MSW service worker with the generated
// handlers (Gauntlet's engine running in the page) and renders what the mocked inventory
// answers. Headless Chromium (the Debian package) loads it from a static server on 127.0.0.1
// (service workers need http://localhost or 127.0.0.1, not file://) and we read the DOM.
const CHROMIUM = chromium();
const HERE = new URL('./', import.meta.url);

/** What the engine answers in Node for the same requests: the page must show exactly this. */
async function expectedItems(): Promise<{ stock: string; miss: string }> {
  const [handler] = createHandlers({
    contracts,
    baseUrl: 'http://page.test/api',
    onWarning: () => {},
  });
  const ask = async (path: string): Promise<Response> => {
    const request = new Request(`http://page.test/api${path}`);
    const result = await handler!.run({ request, requestId: path });
    return result!.response!;
  };
  const stock = await ask('/stock/abc');
  const body = (await stock.json()) as { sku: string; available: number };
  const miss = await ask('/stocks/abc');
  const problem = (await miss.json()) as { title: string };
  return {
    stock: `${stock.status} ${body.sku}: ${body.available} available`,
    miss: `${miss.status} ${problem.title}`,
  };
}

describeNeeding(CHROMIUM, 'the MSW page in headless Chromium', () => {
  let dir: string;
  let server: Server;
  let origin: string;
  let release: () => void = () => {};

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gauntlet-msw-page-'));
    await build({
      entryPoints: [new URL('./src/main.ts', HERE).pathname],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outfile: join(dir, 'app.js'),
      logLevel: 'silent',
    });
    // `npx msw init <dir> --no-save`, without npx's registry lookup.
    await new Promise<void>((resolve, reject) => {
      execFile(
        process.execPath,
        ['node_modules/msw/cli/index.js', 'init', dir, '--no-save'],
        (error) => (error ? reject(error) : resolve()),
      );
    });
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const files: Record<string, [string, string]> = {
      '/': [new URL('./index.html', HERE).pathname, 'text/html; charset=utf-8'],
      '/app.js': [join(dir, 'app.js'), 'text/javascript'],
      '/mockServiceWorker.js': [join(dir, 'mockServiceWorker.js'), 'text/javascript'],
    };
    server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path === '/done') {
        release();
        res.writeHead(204).end();
        return;
      }
      if (path === '/hold') {
        // A 1×1 GIF, sent once the page said it is done.
        void held.then(() =>
          res
            .writeHead(200, { 'content-type': 'image/gif' })
            .end(Buffer.from('R0lGODlhAQABAAAAACwAAAAAAQABAAA=', 'base64')),
        );
        return;
      }
      const file = files[path];
      if (file === undefined) {
        res.writeHead(404).end();
        return;
      }
      readFile(file[0]).then(
        (body) => res.writeHead(200, { 'content-type': file[1] }).end(body),
        () => res.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 120_000);

  afterAll(async () => {
    release();
    if (server !== undefined) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('renders the answers of the mock engine running in the service worker', async () => {
    const dom = await runChromium(CHROMIUM.binary, dir, ['--dump-dom', `${origin}/`]);
    const expected = await expectedItems();
    expect(dom).toContain('data-state="ready"');
    expect(dom).toContain(`<li id="stock">${expected.stock}</li>`);
    expect(dom).toContain(`<li id="miss">${expected.miss}</li>`);
    expect(expected.miss).toEqual('404 Route not found');
  }, 120_000);
});
