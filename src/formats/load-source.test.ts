import { describe, expect, it } from 'vitest';
import { loadSource } from './load-source.js';

const noFiles = async (path: string): Promise<string> => {
  throw new Error(`no file ${path}`);
};

const NO_INFO = `openapi: 3.0.3
paths:
  /ping:
    get:
      responses: { '204': { description: pong } }
`;
const NULL_VERSION = JSON.stringify({
  consumer: { name: 'web' },
  provider: { name: 'api' },
  interactions: [{ description: 'd', request: { method: 'GET', path: '/' }, response: {} }],
  metadata: { pactSpecification: { version: null } },
});

describe('loadSource: lenient by default, --strict refuses what loads only leniently', () => {
  it.each([
    ['an OpenAPI document without info', 'api.yaml', NO_INFO, 'GAUNTLET_W_SPEC_LENIENT'],
    [
      'a pact with a null specification version',
      'web-api.json',
      NULL_VERSION,
      'GAUNTLET_W_PACT_VERSION',
    ],
  ])('%s', async (_name, file, text, code) => {
    const lenient = await loadSource(file, text, { readFile: noFiles });
    expect(lenient.service).toBeDefined();
    expect(lenient.diagnostics.map((d) => [d.code, d.severity])).toEqual([[code, 'warning']]);

    const strict = await loadSource(file, text, { readFile: noFiles, strict: true });
    expect(strict.service).toBeUndefined();
    expect(strict.diagnostics.map((d) => [d.code, d.severity])).toEqual([[code, 'error']]);
  });

  it('--strict leaves a document without leniency warnings alone', async () => {
    const text = NO_INFO.replace('paths:', "info: { title: Ping, version: '1' }\npaths:");
    const source = await loadSource('api.yaml', text, { readFile: noFiles, strict: true });
    expect(source.service?.name).toBe('ping');
    expect(source.diagnostics).toEqual([]);
  });
});
