import { describe, expect, it } from 'vitest';
import { loadSource } from '../formats/load-source.js';
import type { Service } from '../model/index.js';
import { compile } from './compile.js';
import { DeferredWork } from './deferred-work.js';
import type { MockEngine, MockRequest, MockResponse } from './types.js';

describe('DeferredWork', () => {
  it('runs tasks in order while asked to, at least one per call, and says what is left', () => {
    const work = new DeferredWork();
    const ran: number[] = [];
    for (let i = 0; i < 5; i++) work.add(() => ran.push(i));
    expect(work.run(() => false)).toBe(true);
    expect(ran).toEqual([0]);
    let budget = 2;
    expect(work.run(() => budget-- > 0)).toBe(true);
    expect(ran).toEqual([0, 1, 2, 3]);
    expect(work.pending).toBe(1);
    expect(work.run(() => true)).toBe(false);
    expect(ran).toEqual([0, 1, 2, 3, 4]);
    expect(work.pending).toBe(0);
    expect(work.run(() => true)).toBe(false);
  });

  it('drops a task that throws and goes on with the next', () => {
    const work = new DeferredWork();
    const ran: string[] = [];
    work.add(() => {
      throw new Error('broken schema');
    });
    work.add(() => ran.push('next'));
    expect(work.run(() => true)).toBe(false);
    expect(ran).toEqual(['next']);
  });
});

const contract = {
  openapi: '3.0.3',
  info: { title: 'Pets', version: '1' },
  paths: {
    '/pets/{id}': {
      get: {
        operationId: 'showPet',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
        ],
        responses: {
          '200': {
            description: 'a pet',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Pet' },
                // `name` must be a string: this example is invalid on purpose.
                example: { id: 1, name: 7 },
              },
            },
          },
        },
      },
    },
    '/pets': {
      post: {
        operationId: 'createPet',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } },
        },
        responses: {
          '201': {
            description: 'created',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Pet: {
        type: 'object',
        required: ['id', 'name'],
        properties: { id: { type: 'integer' }, name: { type: 'string' } },
      },
    },
  },
};

async function service(): Promise<Service> {
  const source = await loadSource('pets.json', JSON.stringify(contract), {
    readFile: () => Promise.reject(new Error('no external files')),
  });
  if (!source.service) throw new Error(JSON.stringify(source.diagnostics));
  return source.service;
}

const requests: MockRequest[] = [
  { method: 'GET', path: '/pets/1', query: '', headers: {} },
  { method: 'GET', path: '/pets/0', query: '', headers: {} },
  { method: 'GET', path: '/pets/1', query: '', headers: {} },
  {
    method: 'POST',
    path: '/pets',
    query: '',
    headers: { 'content-type': 'application/json' },
    body: new TextEncoder().encode('{"id":"x"}'),
  },
  { method: 'POST', path: '/pets', query: '', headers: {} },
];

function answers(engine: MockEngine): Array<Omit<MockResponse, 'body'> & { body?: string }> {
  return requests.map((request) => {
    const { body, ...rest } = engine.handle(request);
    return body ? { ...rest, body: new TextDecoder().decode(body) } : rest;
  });
}

describe('engine warm-up', () => {
  it('changes nothing a client sees, the invalid-example warning included', async () => {
    const cold = compile([await service()]);
    const warm = compile([await service()]);
    let slices = 0;
    while (warm.warmUp?.(() => false)) slices++;
    // One operation's request validators, then its answer, per slice.
    expect(slices).toBe(3);
    const seen = answers(warm);
    expect(seen).toEqual(answers(cold));
    expect(seen.map((a) => a.status)).toEqual([200, 422, 200, 422, 422]);
    expect(seen[0]!.after).toEqual([
      {
        kind: 'warning',
        code: 'mock.example.invalid',
        message:
          'The example "default" of showPet (response 200, application/json) does not match its schema: /name must be string',
      },
    ]);
    expect(seen[2]!.after).toBeUndefined();
  });

  it("does not queue request validators when validation is 'off'", async () => {
    const engine = compile([await service()], { validateRequests: 'off' });
    let slices = 0;
    while (engine.warmUp?.(() => false)) slices++;
    // Only the two answers are left to build.
    expect(slices).toBe(1);
    expect(engine.handle(requests[1]!).status).toBe(200);
  });
});
