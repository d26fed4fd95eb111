/**
 * The browser side of the MSW example: starts an MSW service worker whose handlers are the
 * generated module (the orders/inventory model embedded, answered by Gauntlet's engine in the
 * page — no server, no file system), then renders what the "inventory service" answers.
 */
import { setupWorker } from 'msw/browser';
import { handlers } from './generated/inventory-msw.js';

function item(id: string, text: string): void {
  const li = document.createElement('li');
  li.id = id;
  li.textContent = text;
  document.getElementById('results')?.append(li);
}

async function render(): Promise<void> {
  const base = `${location.origin}/api`;
  const worker = setupWorker(...handlers({ baseUrl: base, onWarning: () => {} }));
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  const stock = await fetch(`${base}/stock/abc`);
  const body = (await stock.json()) as { sku: string; available: number };
  item('stock', `${stock.status} ${body.sku}: ${body.available} available`);
  const miss = await fetch(`${base}/stocks/abc`);
  const problem = (await miss.json()) as { title: string };
  item('miss', `${miss.status} ${problem.title}`);
}

render()
  .then(
    () => {
      document.body.dataset.state = 'ready';
    },
    (error: unknown) => {
      document.body.dataset.state = 'failed';
      item('error', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    },
  )
  .finally(() => fetch('/done', { method: 'POST' }));
