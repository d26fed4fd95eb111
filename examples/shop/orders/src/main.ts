/** Runs orders as its own program; the environment it reads is in options-from-env.ts. */
import { optionsFromEnv } from './options-from-env.js';
import { start } from './server.js';

const running = await start(optionsFromEnv(process.env));
console.log(`orders listening on ${running.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
