import { describe, expect, it } from 'vitest';
import { loadSource } from '../../formats/load-source.js';
import type { Service } from '../../model/index.js';
import { runConformance } from './run-conformance.js';
import type { ConformanceResponse } from './types.js';

const SPEC = `
openapi: 3.1.0
info: { title: health, version: '1' }
paths:
  /health:
    get:
      operationId: getHealth
      responses:
        '200': { description: up, content: { application/json: { schema: { type: object } } } }
        '503': { description: a dependency is down }
`;

async function service(): Promise<Service> {
  const loaded = await loadSource('health.yaml', SPEC, { readFile: async () => '' });
  if (!loaded.service) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.service;
}

const ok: ConformanceResponse = {
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: '{}',
};
const busy = (retryAfter?: string): ConformanceResponse => ({
  status: 503,
  headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
  body: '',
});

/** Runs the examples phase against answers given in turn; returns the report and the waits. */
async function run(answers: ConformanceResponse[]) {
  const waits: number[] = [];
  const queue = [...answers];
  const report = await runConformance(await service(), {
    baseUrl: 'http://127.0.0.1:1',
    phases: ['examples'],
    send: async () => queue.shift() ?? ok,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { report, waits, left: queue.length };
}

describe('runConformance and Retry-After', () => {
  it('asks again once after a 503 with a short Retry-After, and judges the retry', async () => {
    const { report, waits } = await run([busy('1'), ok]);
    expect([report.passed, waits, report.phases.examples?.requests]).toEqual([true, [1000], 2]);
  });

  it('fails a 503 that the retry gets again, and one without Retry-After at once', async () => {
    const twice = await run([busy('1'), busy('1')]);
    expect(twice.report.failures.map((f) => f.failures[0]?.check)).toEqual(['not_a_server_error']);
    const bare = await run([busy()]);
    expect([bare.report.passed, bare.waits, bare.report.phases.examples?.requests]).toEqual([
      false,
      [],
      1,
    ]);
    const long = await run([busy('30')]);
    expect([long.report.passed, long.waits]).toEqual([false, []]);
  });
});
