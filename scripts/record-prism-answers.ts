/**
 * Records Prism's answers to the Postman parity cases (test/postman/cases.ts): starts
 * `prism mock` (the devDependency) on each collection under test/postman/collections on a free
 * port, sends every case with exactly the headers it lists, and writes status, Content-Type,
 * selected headers and body to test/postman/prism-answers.json, which prism-parity.test.ts
 * compares Gauntlet's engine against. Rerun after adding a case or a collection:
 *   npx tsx scripts/record-prism-answers.ts
 */
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../src/adapters/process/free-port.js';
import { startProcess } from '../src/adapters/process/start-process.js';
import { type RecordedAnswer, recordedHeaders } from '../test/postman/answers.js';
import { PARITY_CASES, type ParityRequest } from '../test/postman/cases.js';

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

const answers: Record<string, Record<string, RecordedAnswer>> = {};
for (const collection of PARITY_CASES) {
  const port = await freePort();
  let ready: () => void = () => {};
  const listening = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const child = await startProcess({
    name: 'prism',
    command: prism,
    args: [
      'mock',
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      join(root, 'test/postman/collections', collection.file),
    ],
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
writeFileSync(
  join(root, 'test/postman/prism-answers.json'),
  `${JSON.stringify(answers, null, 2)}\n`,
);
