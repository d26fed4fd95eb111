/** Runs payments as its own program: PORT (default 4103), HOST (default 127.0.0.1). */
import { start } from './server.js';

const running = await start({
  port: Number(process.env.PORT ?? 4103),
  host: process.env.HOST ?? '127.0.0.1',
});
console.log(`payments listening on ${running.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
