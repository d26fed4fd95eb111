import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { MockRequest } from '../types.js';
import { compileScenarios } from './compile-scenarios.js';
import { loadScenarioFile, parseScenarioFile, resolveInside } from './parse-scenarios.js';

const root = new URL('../../../', import.meta.url).pathname;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function load(name: string) {
  const file = `${root}mocks/${name}`;
  return loadScenarioFile(file, await readFile(file, 'utf8'), { readFile: (p) => readFile(p) });
}

function post(path: string, body: unknown): MockRequest {
  return {
    method: 'POST',
    path,
    query: '',
    headers: { 'content-type': 'application/json' },
    body: encoder.encode(JSON.stringify(body)),
  };
}

describe('parseScenarioFile', () => {
  it('reads the example inventory scenario and serves its flow', async () => {
    const loaded = await load('inventory-stock.yaml');
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.bodyFiles).toEqual([`${root}mocks/bodies/out-of-stock.json`]);
    const engine = compileScenarios(loaded.definitions, {
      files: loaded.files,
      mounts: { inventory: '/inventory' },
    });
    expect(engine.diagnostics).toEqual([]);
    const get = { method: 'GET', path: '/inventory/stock/abc', query: '', headers: {} };
    expect(JSON.parse(decoder.decode(engine.handle(get, 't1')?.body))).toEqual({
      sku: 'abc',
      available: 3,
    });
    const reserved = engine.handle(
      post('/inventory/reservations', { sku: 'abc', quantity: 2, orderId: 'o-7' }),
      't1',
    );
    expect(reserved?.status).toBe(201);
    expect(reserved?.headers).toEqual([
      ['Content-Type', 'application/json'],
      ['Location', '/reservations/r-o-7'],
    ]);
    expect(JSON.parse(decoder.decode(reserved?.body))).toEqual({
      id: 'r-o-7',
      sku: 'abc',
      quantity: 2,
      orderId: 'o-7',
    });
    expect(JSON.parse(decoder.decode(engine.handle(get, 't1')?.body))).toEqual({
      sku: 'abc',
      available: 0,
    });
    const refused = engine.handle(
      post('/inventory/reservations', { sku: 'abc', quantity: 1, orderId: 'o-8' }),
      't1',
    );
    expect(refused?.status).toBe(409);
    expect(refused?.headers).toEqual([['Content-Type', 'application/problem+json']]);
    expect(JSON.parse(decoder.decode(refused?.body)).title).toBe('Not enough stock');
    // Another test's session still sees the stock.
    expect(JSON.parse(decoder.decode(engine.handle(get, 't2')?.body))).toEqual({
      sku: 'abc',
      available: 3,
    });
    // Releasing the reservation restocks.
    expect(
      engine.handle(
        { method: 'DELETE', path: '/inventory/reservations/r-o-7', query: '', headers: {} },
        't1',
      )?.status,
    ).toBe(204);
    expect(JSON.parse(decoder.decode(engine.handle(get, 't1')?.body))).toEqual({
      sku: 'abc',
      available: 3,
    });
  });

  it('reads the example payments scenario: a reset, then a slow answer, then captured', async () => {
    const loaded = await load('payments-flaky.yaml');
    expect(loaded.diagnostics).toEqual([]);
    const engine = compileScenarios(loaded.definitions, { files: loaded.files, seed: 5 });
    const charge = () =>
      engine.handle(post('/charges', { orderId: 'o-1', amount: 800, currency: 'EUR' }), 's')!;
    expect(charge()).toEqual({ status: 200, headers: [], fault: { kind: 'connection-reset' } });
    const slow = charge();
    expect(slow.status).toBe(201);
    expect(slow.delayMs).toBeGreaterThan(0);
    expect(slow.delayMs).toBeLessThanOrEqual(2000);
    const third = charge();
    expect(third.delayMs).toBeUndefined();
    expect(JSON.parse(decoder.decode(third.body))).toMatchObject({
      orderId: 'o-1',
      amount: 800,
      currency: 'EUR',
      status: 'captured',
    });
    expect(engine.handle(post('/refunds', { chargeId: 'ch-1' }), 's')?.fault).toEqual({
      kind: 'truncated-body',
      sendBytes: 10,
    });
  });

  it('reports structure problems with code, line and pointer, and keeps the good stubs', () => {
    const text = [
      'gauntlet: scenarios/v1',
      'scenarios:',
      '  - name: s',
      '    stubs:',
      '      - request: { method: GET, path: /a }',
      '        response: { status: "200" }',
      '      - request: { method: GET, path: /b }',
      '        response: { status: 200, fault: { kind: explode } }',
      '      - request: { method: GET, path: /c }',
      '        nextstate: typo',
      '        response: { status: 204 }',
      '      - request: { method: GET, path: /d, query: { q: { matches: "(" } } }',
      '        response: { body: "{{nope}}", template: true }',
    ].join('\n');
    const parsed = parseScenarioFile('mocks/s.yaml', text);
    expect(parsed.diagnostics.map((d) => [d.code, d.severity, d.path, d.location?.line])).toEqual([
      ['GAUNTLET_E_MOCK_SCENARIO_INVALID', 'error', '/scenarios/0/stubs/0/response/status', 6],
      ['GAUNTLET_E_MOCK_SCENARIO_INVALID', 'error', '/scenarios/0/stubs/1/response/fault/kind', 8],
      ['GAUNTLET_E_MOCK_SCENARIO_INVALID', 'warning', '/scenarios/0/stubs/2/nextstate', 10],
      [
        'GAUNTLET_E_MOCK_SCENARIO_INVALID',
        'error',
        '/scenarios/0/stubs/3/request/query/q/matches',
        12,
      ],
      ['GAUNTLET_E_MOCK_SCENARIO_INVALID', 'error', '/scenarios/0/stubs/3/response/body', 13],
    ]);
    expect(parsed.diagnostics[1]?.message).toBe(
      "Failed to read the scenario file mocks/s.yaml at /scenarios/0/stubs/1/response/fault/kind: because unknown fault kind 'explode': use one of connection-reset, empty-reply, truncated-body, malformed-response, chunked-drip. Fix the file.",
    );
    expect(parsed.definitions[0]?.stubs.map((s) => s.request.path)).toEqual(['/c', '/d']);
  });

  it('reads the single-scenario form, and refuses files that are not scenarios', () => {
    const one = parseScenarioFile(
      'a.json',
      '{"scenario":{"name":"x","stubs":[{"request":{"path":"/"},"response":{}}]}}',
    );
    expect(one.diagnostics).toEqual([]);
    expect(one.definitions).toEqual([
      { name: 'x', stubs: [{ request: { path: '/' }, response: {} }] },
    ]);
    const not = parseScenarioFile('openapi.yaml', 'openapi: 3.1.0\n');
    expect(not.diagnostics.map((d) => [d.code, d.location?.line])).toEqual([
      ['GAUNTLET_E_MOCK_SCENARIO_INVALID', 1],
    ]);
    const broken = parseScenarioFile('b.yaml', 'scenario: [');
    expect(broken.diagnostics[0]?.code).toBe('GAUNTLET_E_MOCK_SCENARIO_INVALID');
  });

  it('keeps body files inside the scenario folder', async () => {
    const text =
      'scenario:\n  name: x\n  stubs:\n    - request: { path: /a }\n      response: { bodyFile: ../../etc/passwd }\n    - request: { path: /b }\n      response: { bodyFile: missing.json }\n';
    const read: string[] = [];
    const loaded = await loadScenarioFile('mocks/x.yaml', text, {
      readFile: async (p) => {
        read.push(p);
        throw new Error(`ENOENT: no such file, open '${p}'`);
      },
    });
    expect(read).toEqual(['mocks/missing.json']);
    expect(loaded.diagnostics.map((d) => [d.path, d.location?.line ?? d.location?.file])).toEqual([
      ['/scenario/stubs/0/response/bodyFile', 5],
      [undefined, 'mocks/missing.json'],
    ]);
  });

  it('resolves relative names and refuses to climb out', () => {
    expect(resolveInside('mocks', 'bodies/a.json')).toBe('mocks/bodies/a.json');
    expect(resolveInside('mocks', './x/../a.json')).toBe('mocks/a.json');
    expect(resolveInside('', 'a.json')).toBe('a.json');
    expect(resolveInside('mocks', '../a.json')).toBeUndefined();
    expect(resolveInside('mocks', '/etc/passwd')).toBeUndefined();
    expect(resolveInside('mocks', 'C:\\x')).toBeUndefined();
  });
});
