import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { HoverflySimulation } from '../../model/index.js';
import { toHoverflySimulation } from './export.js';
import { loadHoverfly } from './index.js';

async function load(
  text: string,
  file: string,
  readFile: (path: string) => Promise<string>,
): Promise<HoverflySimulation> {
  const source = await loadHoverfly({ file, text, readFile });
  expect(source.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!source.service?.hoverfly) throw new Error(`${file} did not load`);
  return source.service.hoverfly;
}

/** load → export → load must give an equal model. */
async function roundTrip(text: string, file: string, readFile: (path: string) => Promise<string>) {
  const first = await load(text, file, readFile);
  const exported = toHoverflySimulation(first);
  const second = await load(JSON.stringify(exported), file, readFile);
  return { first, exported, second };
}

const FILES: Record<string, string> = {
  'mocks/bodies/b64.txt': 'aGk=',
  'mocks/bodies/pet.json': '{"id":1}',
};
const readMemory = async (path: string): Promise<string> => {
  const text = FILES[path];
  if (text === undefined) throw new Error(`ENOENT: ${path}`);
  return text;
};

const RICH = {
  data: {
    pairs: [
      {
        labels: ['one'],
        request: {
          path: [{ matcher: 'glob', value: '/pets/*' }],
          method: [{ matcher: 'exact', value: 'POST' }],
          body: [
            { matcher: 'jsonpath', value: '$.a', doMatch: { matcher: 'exact', value: '1' } },
            { matcher: 'form', value: { f: [{ matcher: 'exact', value: 'v' }] } },
          ],
          headers: { 'X-A': [{ matcher: 'regex', value: '^a' }] },
          query: { q: [{ matcher: 'array', value: ['x'], config: { ignoreOrder: true } }] },
          requiresState: { s: '1' },
        },
        response: {
          status: 201,
          body: 'aMOpbGxv',
          encodedBody: true,
          headers: { 'X-B': ['b', 'c'] },
          templated: true,
          transitionsState: { s: '2' },
          removesState: ['t'],
          fixedDelay: 10,
          logNormalDelay: { min: 1, max: 2, mean: 3, median: 4 },
          postServeAction: 'hook',
        },
      },
      { request: {}, response: { status: 200, bodyFile: 'bodies/pet.json' } },
      {
        request: { path: [{ matcher: 'exact', value: '/b64' }] },
        response: { status: 200, bodyFile: 'bodies/b64.txt', encodedBody: true },
      },
    ],
    globalActions: {
      delays: [{ urlPattern: 'a', httpMethod: 'GET', delay: 1 }],
      delaysLogNormal: [{ urlPattern: 'b', min: 1, max: 2, mean: 3, median: 4 }],
    },
    literals: [{ name: 'l', value: { x: 1 } }],
    variables: [{ name: 'v', function: 'randomUuid' }],
  },
  meta: { schemaVersion: 'v5.3', hoverflyVersion: 'v1.10.0', timeExported: '2024-01-01T00:00:00Z' },
};

describe('toHoverflySimulation', () => {
  it('round-trips every v5.3 feature', async () => {
    const { first, exported, second } = await roundTrip(
      JSON.stringify(RICH),
      'mocks/sim.json',
      readMemory,
    );
    expect(second).toEqual(first);
    expect(first.pairs[2]?.response).toMatchObject({
      body: 'hi',
      bodyBytesBase64: 'aGk=',
      bodyFile: 'bodies/b64.txt',
    });
    expect(exported).toEqual({
      data: {
        pairs: [
          {
            request: {
              path: [{ matcher: 'glob', value: '/pets/*' }],
              method: [{ matcher: 'exact', value: 'POST' }],
              body: [
                { matcher: 'jsonpath', value: '$.a', doMatch: { matcher: 'exact', value: '1' } },
                { matcher: 'form', value: { f: [{ matcher: 'exact', value: 'v' }] } },
              ],
              headers: { 'X-A': [{ matcher: 'regex', value: '^a' }] },
              query: { q: [{ matcher: 'array', value: ['x'], config: { ignoreOrder: true } }] },
              requiresState: { s: '1' },
            },
            response: {
              status: 201,
              body: 'aMOpbGxv',
              encodedBody: true,
              headers: { 'X-B': ['b', 'c'] },
              templated: true,
              transitionsState: { s: '2' },
              removesState: ['t'],
              fixedDelay: 10,
              logNormalDelay: { min: 1, max: 2, mean: 3, median: 4 },
              postServeAction: 'hook',
            },
            labels: ['one'],
          },
          {
            request: {},
            response: {
              status: 200,
              body: '',
              bodyFile: 'bodies/pet.json',
              encodedBody: false,
              headers: {},
              templated: false,
            },
          },
          {
            request: { path: [{ matcher: 'exact', value: '/b64' }] },
            response: {
              status: 200,
              body: '',
              bodyFile: 'bodies/b64.txt',
              encodedBody: true,
              headers: {},
              templated: false,
            },
          },
        ],
        globalActions: {
          delays: [{ urlPattern: 'a', httpMethod: 'GET', delay: 1 }],
          delaysLogNormal: [
            { urlPattern: 'b', httpMethod: '', min: 1, max: 2, mean: 3, median: 4 },
          ],
        },
        literals: [{ name: 'l', value: { x: 1 } }],
        variables: [{ name: 'v', function: 'randomUuid' }],
      },
      meta: {
        schemaVersion: 'v5.3',
        hoverflyVersion: 'v1.10.0',
        timeExported: '2024-01-01T00:00:00Z',
      },
    });
  });

  it('writes keys in a fixed order whatever the source order', async () => {
    const shuffled = {
      meta: { timeExported: 't', schemaVersion: 'v5', hoverflyVersion: 'h' },
      data: {
        pairs: [
          {
            response: { templated: false, status: 200, body: 'x' },
            request: {
              method: [{ value: 'GET', matcher: 'exact' }],
              path: [{ value: '/', matcher: 'exact' }],
            },
          },
        ],
      },
    };
    const sim = await load(JSON.stringify(shuffled), 'a.json', readMemory);
    expect(JSON.stringify(toHoverflySimulation(sim))).toBe(
      '{"data":{"pairs":[{"request":{"path":[{"matcher":"exact","value":"/"}],"method":[{"matcher":"exact","value":"GET"}]},"response":{"status":200,"body":"x","encodedBody":false,"headers":{},"templated":false}}],"globalActions":{"delays":[],"delaysLogNormal":[]}},"meta":{"schemaVersion":"v5.3","hoverflyVersion":"h","timeExported":"t"}}',
    );
  });

  it('round-trips a v1 simulation through the v5.3 export', async () => {
    const v1 = {
      data: {
        pairs: [
          {
            request: {
              requestType: 'template',
              path: '/a/*',
              method: 'GET',
              query: 'x=1',
              headers: { H: ['v'] },
            },
            response: { status: 200, body: 'ok', encodedBody: false },
          },
        ],
      },
      meta: { schemaVersion: 'v1' },
    };
    const { first, second } = await roundTrip(JSON.stringify(v1), 'v1.json', readMemory);
    expect(second).toEqual(first);
  });

  const corpus = new URL('../../../../shared/corpus/hoverfly/', import.meta.url);
  it('round-trips every simulation of the shared corpus', async () => {
    const files = (await readdir(corpus, { recursive: true }))
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(files.length).toBe(11);
    for (const name of files) {
      const url = new URL(name, corpus);
      const { first, second } = await roundTrip(await readFile(url, 'utf8'), url.pathname, (p) =>
        readFile(p, 'utf8'),
      );
      expect(second, name).toEqual(first);
    }
  });
});
