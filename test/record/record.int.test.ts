import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../../src/adapters/http/start-mock.js';
import { startRecorder } from '../../src/adapters/record/start-recorder.js';
import { isGauntletError } from '../../src/errors.js';
import { loadSource } from '../../src/formats/load-source.js';
import type { Service } from '../../src/model/index.js';
import { startTarget, type TargetServer } from './target-server.js';

let dir: string;
let target: TargetServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gauntlet-record-'));
  target = await startTarget();
});

afterAll(async () => {
  await target.close();
  await rm(dir, { recursive: true, force: true });
});

async function load(file: string): Promise<{ text: string; service: Service }> {
  const text = await readFile(file, 'utf8');
  const source = await loadSource(file, text, { readFile: (p) => readFile(p, 'utf8') });
  if (source.service === undefined) throw new Error(JSON.stringify(source.diagnostics));
  return { text, service: source.service };
}

/** The same three calls, through the recorder and then against a mock of the recording. */
async function exercise(base: string): Promise<unknown[]> {
  const one = await fetch(`${base}/orders/o1?page=2`, {
    headers: { authorization: 'Bearer s3cret' },
  });
  const two = await fetch(`${base}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ item: 'book' }),
  });
  const three = await fetch(`${base}/logo.bin`);
  return [
    [one.status, await one.json()],
    [two.status, two.headers.get('location'), await two.json()],
    [three.status, [...new Uint8Array(await three.arrayBuffer())]],
  ];
}

const EXPECTED = [
  [200, { id: 'o1', page: '2' }],
  [201, '/orders/o9', { id: 'o9', item: 'book' }],
  [200, [0, 255, 1, 254]],
];

describe('startRecorder', () => {
  it('records a Hoverfly v5.3 simulation that replays through gauntlet mock, secrets redacted', async () => {
    const out = join(dir, 'orders-sim.json');
    const recorder = await startRecorder({ target: target.url, out, redact: ['X-Internal-Token'] });
    try {
      expect(await exercise(recorder.url)).toEqual(EXPECTED);
    } finally {
      await recorder.close();
    }
    // The target saw the real credentials; the file holds none of them.
    expect(target.seenAuthorization).toContain('Bearer s3cret');
    const { text, service } = await load(out);
    expect(text).not.toMatch(/s3cret|abc123|tok-42/);
    expect(service.format).toBe('hoverfly-v5');
    const pairs = service.hoverfly!.pairs;
    expect(pairs.length).toBe(3);
    expect(pairs[0]!.response.headers['set-cookie']).toEqual(['[redacted]']);
    expect(pairs[0]!.response.headers['x-internal-token']).toEqual(['[redacted]']);
    expect(pairs[2]!.response.bodyBytesBase64).toBe(
      Buffer.from([0, 255, 1, 254]).toString('base64'),
    );

    const mock = await startMock({ contracts: [out], port: 0, warn: () => {} });
    try {
      expect(await exercise(mock.url)).toEqual(EXPECTED);
    } finally {
      await mock.close();
    }
  });

  it('records a V4 pact with the given consumer and provider that replays through gauntlet mock', async () => {
    const out = join(dir, 'web-orders.json');
    const recorder = await startRecorder({
      target: target.url,
      out,
      format: 'pact',
      consumer: 'web',
      provider: 'orders',
    });
    try {
      expect(await exercise(recorder.url)).toEqual(EXPECTED);
    } finally {
      await recorder.close();
    }
    const { text, service } = await load(out);
    expect(text).not.toMatch(/s3cret|abc123/);
    expect(service.format).toBe('pact-v4');
    expect(service.pact?.consumer).toBe('web');
    expect(service.pact?.provider).toBe('orders');
    expect(service.interactions.map((i) => i.description)).toEqual([
      'GET /orders/o1?page=2 (1)',
      'POST /orders (2)',
      'GET /logo.bin (3)',
    ]);
    const mock = await startMock({ contracts: [out], port: 0, warn: () => {} });
    try {
      expect(await exercise(mock.url)).toEqual(EXPECTED);
    } finally {
      await mock.close();
    }
  });

  it('answers 502 and records nothing when the target is down', async () => {
    const out = join(dir, 'down.json');
    const errors: string[] = [];
    const recorder = await startRecorder({
      target: 'http://127.0.0.1:1',
      out,
      onError: (e) => errors.push(e.code),
    });
    try {
      const res = await fetch(`${recorder.url}/x`);
      expect(res.status).toBe(502);
      expect(
        ((await res.json()) as { diagnostics: Array<{ code: string }> }).diagnostics[0]!.code,
      ).toBe('GAUNTLET_E_RECORD_TARGET');
    } finally {
      await recorder.close();
    }
    expect(errors).toEqual(['GAUNTLET_E_RECORD_TARGET']);
    expect(recorder.exchanges()).toEqual([]);
  });

  it('refuses a target that is not an http URL, and an output it cannot write', async () => {
    const bad = await startRecorder({ target: 'ftp://x', out: join(dir, 'x.json') }).catch(
      (e: unknown) => e,
    );
    expect(isGauntletError(bad) && bad.code).toBe('GAUNTLET_E_RECORD_TARGET');
    const unwritable = await startRecorder({
      target: target.url,
      out: join(dir, 'missing-folder', 'x.json'),
    }).catch((e: unknown) => e);
    expect(isGauntletError(unwritable) && unwritable.code).toBe('GAUNTLET_E_RECORD_WRITE');
  });
});

describe('gauntlet record (killed)', () => {
  it('loses no answered exchange when killed with SIGKILL', async () => {
    const out = join(dir, 'killed.json');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'test/record/cli-entry.ts',
        'record',
        '--target',
        target.url,
        '--out',
        out,
        '--port',
        '0',
      ],
      { cwd: resolve(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    const exited = new Promise<NodeJS.Signals | null>((done) =>
      child.on('exit', (_code, signal) => done(signal)),
    );
    try {
      const deadline = Date.now() + 20_000;
      while (!/^ready$/m.test(stdout)) {
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`recorder did not get ready: ${stdout} ${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const url = /recording {2}(http:\/\/\S+)/.exec(stdout)![1]!;
      for (let i = 1; i <= 7; i++) {
        const res = await fetch(`${url}/orders/o${i}`);
        expect(res.status).toBe(200);
        await res.arrayBuffer();
      }
    } finally {
      child.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');
    const { service } = await load(out);
    expect(service.hoverfly!.pairs.map((p) => p.request.path?.[0]?.value)).toEqual([
      '/orders/o1',
      '/orders/o2',
      '/orders/o3',
      '/orders/o4',
      '/orders/o5',
      '/orders/o6',
      '/orders/o7',
    ]);
  });
});
