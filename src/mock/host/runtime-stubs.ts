import type { MockResponse } from '../types.js';
import { compileRequestPattern, type PatternSubject } from './request-pattern.js';
import type { HostNearMiss, RuntimeStub, StubInput } from './types.js';

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

  /**
   * Why each stub did not answer `subject`, closest first: one reason per field that failed,
   * scored by the fields that held (stubs that share nothing with the request are left out).
   */
  explain(subject: PatternSubject, limit = 3): HostNearMiss[] {
    const out: HostNearMiss[] = [];
    for (const { stub } of this.stubs) {
      const { request } = stub;
      const reasons: string[] = [];
      let held = 0;
      const check = (ok: boolean, reason: string): void => {
        if (ok) held++;
        else reasons.push(reason);
      };
      if (request.method !== undefined)
        check(
          compileRequestPattern({ method: request.method })(subject),
          `method is ${subject.method}, the stub wants ${request.method.toUpperCase()}`,
        );
      if (request.path !== undefined)
        check(
          compileRequestPattern({ path: request.path })(subject),
          `path ${subject.path} does not match ${request.path}`,
        );
      for (const [name, value] of Object.entries(request.query ?? {}))
        check(
          compileRequestPattern({ query: { [name]: value } })(subject),
          `query ${name} is not '${value}'`,
        );
      for (const [name, value] of Object.entries(request.headers ?? {}))
        check(
          compileRequestPattern({ headers: { [name]: value } })(subject),
          `header ${name} is not '${value}'`,
        );
      if (request.session !== undefined)
        check(subject.session === request.session, `session is not '${request.session}'`);
      if (held === 0 || reasons.length === 0) continue;
      out.push({ source: 'stub', name: stub.id, score: held, reasons });
    }
    return out.sort((a, b) => b.score - a.score).slice(0, limit);
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
