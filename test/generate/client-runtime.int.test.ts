import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../../src/adapters/http/start-mock.js';
import {
  type ClientCallError,
  createPetsClient,
  type PetsClientOptions,
} from './generated/pets-client/index.js';

// A generated client (test/generate/generated/pets-client, from fixtures/pets.yaml; kept up to date
// by generated-up-to-date.test.ts) driven against
// `gauntlet mock` of the same contract. Faults are injected in front of the real mock: an extra
// `Prefer: code=503` header makes the mock itself answer 503 (with the contract's Retry-After),
// and a hanging fetch stands in for a service that never answers.
const SPEC = 'test/generate/fixtures/pets.yaml';

type Fault = 'hang' | 'busy' | 'refuse' | 'held' | undefined;

interface Harness {
  options: PetsClientOptions;
  /** Requests that reached the fault layer, as `METHOD path` plus the headers of interest. */
  seen: Array<{ call: string; traceparent: string | null; user: string | null }>;
  waits: number[];
  /** Faults for the next attempts, in order; once empty, requests pass through. */
  faults: Fault[];
  /** What a 'held' attempt waits for before it passes through. */
  held?: Promise<void>;
}

describe('a generated client against gauntlet mock', () => {
  let mock: RunningMock;
  const warnings: string[] = [];

  beforeAll(async () => {
    mock = await startMock({ contracts: [SPEC], port: 0, warn: (line) => warnings.push(line) });
  });
  afterAll(async () => {
    await mock?.close();
  });

  function harness(overrides: PetsClientOptions = {}): Harness {
    const h: Harness = { options: {}, seen: [], waits: [], faults: [] };
    h.options = {
      baseUrl: mock.url,
      auth: () => ({ user: 'ann' }),
      sleep: async (ms) => {
        h.waits.push(ms);
      },
      random: () => 0.5,
      fetch: async (request) => {
        const url = new URL(request.url);
        h.seen.push({
          call: `${request.method} ${url.pathname}`,
          traceparent: request.headers.get('traceparent'),
          user: request.headers.get('x-user'),
        });
        const fault = h.faults.shift();
        if (fault === 'hang') {
          return new Promise<Response>((_resolve, reject) => {
            request.signal.addEventListener('abort', () => reject(request.signal.reason));
          });
        }
        if (fault === 'refuse') throw new TypeError('fetch failed');
        if (fault === 'held') await h.held;
        const headers = new Headers(request.headers);
        if (fault === 'busy') headers.set('prefer', 'code=503');
        return fetch(new Request(request, { headers }));
      },
      ...overrides,
    };
    return h;
  }

  it('gets typed data for a success, with auth and a new traceparent', async () => {
    const h = harness();
    const pets = createPetsClient(h.options);
    const { data, error, response } = await pets.GET('/pets/{petId}', {
      params: { path: { petId: 1 } },
    });
    expect({ status: response.status, data, error }).toEqual({
      status: 200,
      data: { id: 1, name: 'Rex', tags: ['dog'] },
      error: undefined,
    });
    expect(h.seen).toHaveLength(1);
    expect(h.seen[0]!.user).toEqual('ann');
    expect(h.seen[0]!.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('continues the caller’s trace when given its traceparent', async () => {
    const parent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const h = harness({ traceparent: () => parent });
    await createPetsClient(h.options).GET('/pets/{petId}', { params: { path: { petId: 1 } } });
    const sent = h.seen[0]!.traceparent!;
    expect(sent.slice(0, 36)).toEqual('00-4bf92f3577b34da6a3ce929d0e0e4736-');
    expect(sent.slice(36, 52)).not.toEqual('00f067aa0ba902b7');
    expect(sent.slice(52)).toEqual('-01');
  });

  it('gets the mock’s 401 without credentials', async () => {
    const h = harness({ auth: () => undefined });
    const { response, error } = await createPetsClient(h.options).GET('/pets/{petId}', {
      params: { path: { petId: 1 } },
    });
    // The contract's 401 has no body.
    expect({ status: response.status, error }).toEqual({ status: 401, error: undefined });
  });

  it('gets the contract’s 422 for an invalid request body (the mock validates it)', async () => {
    const h = harness();
    const valid = await createPetsClient(h.options).POST('/pets', { body: { name: 'Tom' } });
    expect(valid.response.status).toEqual(201);
    const { response, error } = await createPetsClient(h.options).POST('/pets', {
      // A name must not be empty: the mock checks the body and answers with the contract's 422.
      body: { name: '' },
    });
    expect(response.status).toEqual(422);
    expect(response.headers.get('content-type')).toEqual('application/problem+json');
    expect(typeof error?.title).toEqual('string');
    expect(typeof error?.status).toEqual('number');
  });

  it('rejects a response that breaks the contract when validation is on, and passes it when off', async () => {
    const strict = harness({ validateResponses: 'throw' });
    const call = createPetsClient(strict.options).GET('/pets/{petId}/legacy', {
      params: { path: { petId: 1 } },
    });
    await expect(call).rejects.toMatchObject({
      name: 'ClientCallError',
      kind: 'invalid-response',
      issues: [
        { path: '', message: "must have required property 'name'" },
        { path: '/tags', message: 'must be array' },
      ],
    });
    const reported: ClientCallError[] = [];
    const warn = harness({ validateResponses: 'warn', onValidationError: (e) => reported.push(e) });
    const warned = await createPetsClient(warn.options).GET('/pets/{petId}/legacy', {
      params: { path: { petId: 1 } },
    });
    expect(warned.data).toEqual({ id: 1, tags: 'dog' });
    expect(reported.map((e) => e.kind)).toEqual(['invalid-response']);
    const lax = harness();
    const passed = await createPetsClient(lax.options).GET('/pets/{petId}/legacy', {
      params: { path: { petId: 1 } },
    });
    expect(passed.data).toEqual({ id: 1, tags: 'dog' });
  });

  it('times out an attempt that hangs, and retries it (GET is idempotent)', async () => {
    const h = harness({ timeoutMs: 50, retry: { attempts: 2 } });
    h.faults = ['hang', 'hang'];
    const call = createPetsClient(h.options).GET('/pets/{petId}', {
      params: { path: { petId: 1 } },
    });
    await expect(call).rejects.toMatchObject({ name: 'ClientCallError', kind: 'timeout' });
    expect(h.seen.map((s) => s.call)).toEqual(['GET /pets/1', 'GET /pets/1']);
    // One backoff: full jitter (random 0.5) of the 100 ms first step.
    expect(h.waits).toEqual([50]);
  });

  it('retries a 503 after the Retry-After the mock sends, then succeeds', async () => {
    const h = harness();
    h.faults = ['busy', 'refuse'];
    const { data, response } = await createPetsClient(h.options).GET('/pets/{petId}', {
      params: { path: { petId: 1 } },
    });
    expect(response.status).toEqual(200);
    expect(data).toEqual({ id: 1, name: 'Rex', tags: ['dog'] });
    expect(h.seen).toHaveLength(3);
    // Retry-After: 1 (from the contract's example), then a backoff of 0.5 × 200 ms.
    expect(h.waits).toEqual([1000, 100]);
  });

  it('does not wait for a Retry-After beyond the bound: the 503 is the answer', async () => {
    const h = harness();
    h.faults = ['busy'];
    const { response } = await createPetsClient(h.options).DELETE('/pets/{petId}', {
      params: { path: { petId: 1 } },
    });
    expect(response.status).toEqual(503);
    expect(response.headers.get('retry-after')).toEqual('3600');
    expect(h.seen).toHaveLength(1);
    expect(h.waits).toEqual([]);
  });

  it('never retries a POST', async () => {
    const h = harness();
    h.faults = ['busy'];
    const { response } = await createPetsClient(h.options).POST('/pets', { body: { name: 'Tom' } });
    expect(response.status).toEqual(503);
    expect(h.seen.map((s) => s.call)).toEqual(['POST /pets']);
  });

  it('opens the breaker after consecutive failures, half-opens after the pause, closes on success', async () => {
    const h = harness({ retry: false, breaker: { failures: 2, halfOpenAfterMs: 100 } });
    const pets = createPetsClient(h.options);
    const get = () => pets.GET('/pets/{petId}', { params: { path: { petId: 1 } } });
    const pause = () => new Promise((resolve) => setTimeout(resolve, 150));
    expect(pets.breaker.state).toEqual('closed');
    h.faults = ['busy', 'busy'];
    expect((await get()).response.status).toEqual(503);
    expect(pets.breaker.state).toEqual('closed');
    expect((await get()).response.status).toEqual(503);
    expect(pets.breaker.state).toEqual('open');
    // Open: the call fails fast, nothing reaches the service.
    await expect(get()).rejects.toMatchObject({ name: 'ClientCallError', kind: 'circuit-open' });
    expect(h.seen).toHaveLength(2);

    // After the pause one trial goes through; it fails, so the circuit opens again.
    await pause();
    h.faults = ['busy'];
    expect((await get()).response.status).toEqual(503);
    expect(pets.breaker.state).toEqual('open');
    await expect(get()).rejects.toMatchObject({ kind: 'circuit-open' });
    expect(h.seen).toHaveLength(3);

    // The next trial is held at the service while we look: the circuit is half-open.
    await pause();
    let release = (): void => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    h.faults = ['held'];
    h.held = held;
    const trial = get();
    while (h.seen.length < 4) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(pets.breaker.state).toEqual('half-open');
    release();
    expect((await trial).response.status).toEqual(200);
    expect(pets.breaker.state).toEqual('closed');
    expect((await get()).response.status).toEqual(200);
  });
});
