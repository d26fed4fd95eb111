// Memory of the request journal under sustained load: drives the mock host in memory (no
// sockets, so the client's own buffers do not blur the figure) and prints the heap and RSS after
// each batch. With a ring of 10,000 entries the heap must stop growing once the ring is full.
//
//   node --expose-gc --import tsx bench/bench-journal.ts [requests=500000]
import { compile } from '../src/mock/compile.js';
import { createMockHost } from '../src/mock/host/create-mock-host.js';
import { loadDoc, ORDERS_DOC } from '../src/mock/host/host-for-tests.js';

const total = Number(process.argv[2] ?? 500_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  process.stderr.write('Run with node --expose-gc for stable figures.\n');
}

const service = await loadDoc(ORDERS_DOC, 'orders.json');
const mounts = { [service.name]: '' };
const host = createMockHost({
  targets: [{ engine: compile([service]), services: [service], mounts }],
});

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
const batch = total / 10;
const samples: Array<{ requests: number; heap: number; rss: number }> = [];
let sent = 0;
const started = performance.now();
for (let b = 0; b < 10; b++) {
  for (let i = 0; i < batch; i++, sent++) {
    // A fresh header object per request, as node gives one per IncomingMessage.
    host.handle({
      method: i % 10 === 0 ? 'POST' : 'GET',
      path: i % 10 === 0 ? '/orders' : `/orders/o${sent}`,
      query: 'expand=items',
      headers: { host: 'localhost', accept: 'application/json', 'x-gauntlet-session': `s${b}` },
    });
  }
  gc?.();
  const usage = process.memoryUsage();
  samples.push({ requests: sent, heap: usage.heapUsed, rss: usage.rss });
  process.stdout.write(
    `${String(sent).padStart(8)} requests  journal ${host.journal.size}  heap ${mb(usage.heapUsed)}  rss ${mb(usage.rss)}\n`,
  );
}
const seconds = (performance.now() - started) / 1000;
// From the first full ring (the 2nd sample) to the end: the growth the journal is responsible for.
const from = samples[1]!;
const to = samples.at(-1)!;
process.stdout.write(
  `\nheap growth after the ring filled: ${mb(to.heap - from.heap)} (${((to.heap / from.heap - 1) * 100).toFixed(1)}%), rss ${mb(to.rss - from.rss)}; ${(sent / seconds).toFixed(0)} req/s through the host in memory (journal, stubs check, engine)\n`,
);
