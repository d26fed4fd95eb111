/** Runs inventory as its own program: PORT (default 4102), HOST (default 127.0.0.1). */
import { start } from './server.js';

const running = await start({
  port: Number(process.env.PORT ?? 4102),
  host: process.env.HOST ?? '127.0.0.1',
});
console.log(`inventory listening on ${running.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
