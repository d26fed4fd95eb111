// `gauntlet mock` in a container vs on the host, same contract, one run: req/s and p99 of each,
// driven in turns (round after round; the median round is reported) so a busy machine disturbs
// both alike. A script, not a test:
//
//   npx tsx bench/bench-mock-container.ts [--duration 10] [--connections 50] [--rounds 3]
//
// Needs a container engine and the mock image (`gauntlet image build mock --offline`; built here
// when missing). Every process and container it starts is stopped (the host mock by its PID).
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { freePort } from '../src/adapters/process/free-port.js';
import { ensureImage, GauntletMockContainer } from '../src/testcontainers/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONTRACT = 'contracts/openapi/inventory.yaml';
const TARGET = '/stock/abc';
const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
  },
});

interface Figures {
  rps: number;
  p99: number;
}

async function drive(url: string, duration: number): Promise<Figures> {
  const { stdout } = await promisify(execFile)(
    `${ROOT}node_modules/.bin/autocannon`,
    ['--json', '-c', String(flags.connections), '-d', String(duration), `${url}${TARGET}`],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const result = JSON.parse(stdout) as {
    non2xx: number;
    errors: number;
    requests: { average: number };
    latency: { p99: number };
  };
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return { rps: result.requests.average, p99: result.latency.p99 };
}

async function startHostMock(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['bin/gauntlet.js', 'mock', CONTRACT, '--port', String(port)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the host mock exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const image = await ensureImage('mock', { offline: true, projectRoot: ROOT });
const host = await startHostMock();
const container = await new GauntletMockContainer(`${ROOT}${CONTRACT}`).start();
try {
  const targets = { host: host.url, container: container.getBaseUrl() };
  for (const url of Object.values(targets)) await drive(url, 2); // warm-up
  const rounds: Record<keyof typeof targets, Figures[]> = { host: [], container: [] };
  for (let round = 1; round <= Number(flags.rounds); round++) {
    for (const [name, url] of Object.entries(targets) as Array<[keyof typeof targets, string]>) {
      const figures = await drive(url, Number(flags.duration));
      rounds[name].push(figures);
      console.log(
        `round ${round} ${name.padEnd(9)} ${figures.rps.toFixed(0)} req/s  p99 ${figures.p99} ms`,
      );
    }
  }
  const hostRps = median(rounds.host.map((f) => f.rps));
  const containerRps = median(rounds.container.map((f) => f.rps));
  console.log(`\nimage ${image.tag} (${((image.sizeBytes ?? 0) / 1e6).toFixed(0)} MB)`);
  console.log(
    `host       ${hostRps.toFixed(0)} req/s  p99 ${median(rounds.host.map((f) => f.p99))} ms`,
  );
  console.log(
    `container  ${containerRps.toFixed(0)} req/s  p99 ${median(rounds.container.map((f) => f.p99))} ms`,
  );
  console.log(`container/host throughput ratio: ${(containerRps / hostRps).toFixed(2)}`);
} finally {
  await container.stop();
  if (host.child.pid !== undefined) process.kill(host.child.pid, 'SIGTERM');
}
