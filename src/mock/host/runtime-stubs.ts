import type { MockResponse } from '../types.js';
import { compileRequestPattern, type PatternSubject } from './request-pattern.js';
import type { RuntimeStub, StubInput } from './types.js';

interface CompiledStub {
  stub: RuntimeStub;
  /** Insertion order, for "newest wins" among equal priorities. */
  order: number;
  test: (subject: PatternSubject) => boolean;
  response: MockResponse;
}

const encoder = new TextEncoder();

function buildResponse(input: StubInput): MockResponse {
  const { status, headers = {}, body, delayMs } = input.response;
  const out: Array<[string, string]> = Object.entries(headers);
  const hasType = out.some(([name]) => name.toLowerCase() === 'content-type');
  let bytes: Uint8Array | undefined;
  if (typeof body === 'string') {
    bytes = encoder.encode(body);
    if (!hasType) out.push(['Content-Type', 'text/plain; charset=utf-8']);
  } else if (body !== undefined) {
    bytes = encoder.encode(JSON.stringify(body));
    if (!hasType) out.push(['Content-Type', 'application/json']);
  }
  const response: MockResponse = { status, headers: out };
  if (bytes !== undefined) response.body = bytes;
  if (delayMs !== undefined && delayMs > 0) response.delayMs = delayMs;
  return response;
}

/**
 * Stubs added at runtime through the admin API. They are tried before everything else
 * (lowest priority number first, as in scenarios and WireMock; then the newest), so a test can override one answer of a contract.
 *
 * @example
 * const stubs = new RuntimeStubs();
 * stubs.add({ request: { method: 'GET', path: '/health' }, response: { status: 503 } });
 */
export class RuntimeStubs {
  private stubs: CompiledStub[] = [];
  private counter = 0;

  get size(): number {
    return this.stubs.length;
  }

  /** Adds (or replaces, same id) a stub; the returned record is what `list` shows. */
  add(input: StubInput): RuntimeStub {
    this.counter++;
    const id = input.id ?? `stub-${this.counter}`;
    const stub: RuntimeStub = {
      id,
      request: input.request,
      response: input.response,
      priority: input.priority ?? 0,
      hits: 0,
    };
    const compiled: CompiledStub = {
      stub,
      order: this.counter,
      test: compileRequestPattern(input.request),
      response: buildResponse(input),
    };
    // Copy-on-write: a request being matched keeps iterating the array it started with.
    this.stubs = [...this.stubs.filter((s) => s.stub.id !== id), compiled].sort(
      (a, b) => a.stub.priority - b.stub.priority || b.order - a.order,
    );
    return stub;
  }

  remove(id: string): boolean {
    const before = this.stubs.length;
    this.stubs = this.stubs.filter((s) => s.stub.id !== id);
    return this.stubs.length < before;
  }

  clear(): number {
    const removed = this.stubs.length;
    this.stubs = [];
    return removed;
  }

  /** Snapshots, in the order they are tried. */
  list(): RuntimeStub[] {
    return this.stubs.map((s) => ({ ...s.stub }));
  }

  /** The first stub that matches, counted as a hit, and its response. */
  match(subject: PatternSubject): { id: string; response: MockResponse } | undefined {
    const stubs = this.stubs;
    for (let i = 0; i < stubs.length; i++) {
      const compiled = stubs[i]!;
      if (compiled.test(subject)) {
        compiled.stub.hits++;
        return { id: compiled.stub.id, response: compiled.response };
      }
    }
    return undefined;
  }
}
