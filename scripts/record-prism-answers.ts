/**
 * Records Prism's answers to the parity suites: the Postman collections (test/postman/cases.ts)
 * and the OpenAPI behaviour fixture (test/prism-fidelity/cases.ts). Starts `prism mock` (the
 * devDependency) on each contract of a suite on a free port, sends every case with exactly the
 * headers it lists, and writes status, Content-Type, selected headers and body to the suite's
 * prism-answers.json, which its parity test compares Gauntlet's engine against. Rerun after
 * adding a case or a contract (`--suite postman` or `--suite openapi` records one suite only):
 *   npx tsx scripts/record-prism-answers.ts
 */
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort } from '../src/adapters/process/free-port.js';
import { startProcess } from '../src/adapters/process/start-process.js';
import { PARITY_CASES } from '../test/postman/cases.js';
import { FIDELITY_CASES } from '../test/prism-fidelity/cases.js';
import {
  type ParityCollection,
  type ParityRequest,
  type RecordedAnswer,
  recordedHeaders,
} from '../test/support/prism-answers.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const prism = join(root, 'node_modules/.bin/prism');

function send(port: number, r: ParityRequest): Promise<RecordedAnswer> {
  return new Promise((resolve, reject) => {
    const body = r.body === undefined ? undefined : Buffer.from(r.body);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: r.method,
        path: r.url,
        headers: { ...r.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'] ?? null,
            headers: recordedHeaders(
              Object.entries(res.headers).map(([k, v]) => [
                k,
                Array.isArray(v) ? v.join(', ') : (v ?? ''),
              ]),
            ),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Each suite: its folder, the folder of its contracts inside it, its cases. */
const SUITES: Record<string, { dir: string; contracts: string; cases: ParityCollection[] }> = {
  postman: { dir: 'test/postman', contracts: 'collections', cases: PARITY_CASES },
  openapi: { dir: 'test/prism-fidelity', contracts: 'fixtures', cases: FIDELITY_CASES },
};
const { values } = parseArgs({ options: { suite: { type: 'string' } } });
const chosen = values.suite === undefined ? Object.keys(SUITES) : [values.suite];

for (const name of chosen) {
  const suite = SUITES[name];
  if (!suite)
    throw new Error(`Unknown suite ${name}: use one of ${Object.keys(SUITES).join(', ')}`);
  await record(
    suite.cases,
    join(root, suite.dir, suite.contracts),
    join(root, suite.dir, 'prism-answers.json'),
  );
}

async function record(cases: ParityCollection[], dir: string, file: string): Promise<void> {
  const answers: Record<string, Record<string, RecordedAnswer>> = {};
  for (const collection of cases) {
    const port = await freePort();
    let ready: () => void = () => {};
    const listening = new Promise<void>((resolve) => {
      ready = resolve;
    });
    const child = await startProcess({
      name: 'prism',
      command: prism,
      args: ['mock', '-h', '127.0.0.1', '-p', String(port), join(dir, collection.file)],
      env: { ...process.env, NO_COLOR: '1' },
      cwd: root,
      onLine: (line) => {
        if (line.includes('Prism is listening')) ready();
      },
    });
    try {
      await Promise.race([
        listening,
        child.exited.then(() => {
          throw new Error(`prism exited on ${collection.file}:\n${child.recentLines().join('\n')}`);
        }),
      ]);
      const out: Record<string, RecordedAnswer> = {};
      for (const r of collection.requests) out[r.name] = await send(port, r);
      answers[collection.file] = out;
      console.log(`${collection.file}: ${collection.requests.length} answers`);
    } finally {
      await child.stop();
    }
  }
  writeFileSync(file, `${JSON.stringify(answers, null, 2)}\n`);
}
