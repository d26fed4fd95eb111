import { createSchemaCompiler } from '../../matching/json-schema.js';
import type { Service } from '../../model/index.js';
import type { Check } from '../types.js';
import { checkResponse } from './check-response.js';
import { smokeOrder, smokeRequest } from './smoke-request.js';

export interface SmokeOptions {
  /** Prefixes every check name, e.g. the service's config key. */
  label: string;
  /** Sent with every request (credentials from the config). */
  headers?: Readonly<Record<string, string>>;
  /** Per-request timeout (default 5000 ms). */
  timeoutMs?: number;
}

/**
 * Exercises every operation of a service's contract once against a running instance: a request
 * built from the contract's examples (see smokeRequest), then the answer checked against the
 * contract (see checkResponse). One check per operation. A documented 4xx passes (the example
 * may name something that does not exist); a 5xx fails even when documented, because a smoke
 * request built from the contract should not break the service.
 *
 * @example
 * const checks = await smokeService(service, 'http://127.0.0.1:4102', { label: 'inventory' });
 */
export async function smokeService(
  service: Service,
  baseUrl: string,
  options: SmokeOptions,
): Promise<Check[]> {
  const compiler = createSchemaCompiler(service.schemas);
  const checks: Check[] = [];
  for (const op of smokeOrder(service.operations)) {
    const request = smokeRequest(service, op, options.headers);
    const name = `${options.label}: ${request.method} ${request.path}`;
    const started = performance.now();
    let status: number;
    let contentType: string | undefined;
    let body: string;
    try {
      const response = await fetch(`${baseUrl}${request.path}`, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
      status = response.status;
      contentType = response.headers.get('content-type') ?? undefined;
      body = await response.text();
    } catch (error) {
      checks.push({
        name,
        status: 'failed',
        message: `no answer: ${error instanceof Error ? error.message : String(error)}`,
        durationMs: Math.round(performance.now() - started),
        details: { operation: op.id, request },
      });
      continue;
    }
    const problems = checkResponse(op, compiler, { status, contentType, body });
    if (status >= 500) problems.unshift(`answered ${status}: a server error`);
    checks.push({
      name,
      status: problems.length === 0 ? 'passed' : 'failed',
      message:
        problems.length === 0
          ? `${status} as documented${body === '' ? '' : ', body matches the schema'}`
          : problems.join('; '),
      durationMs: Math.round(performance.now() - started),
      details: {
        operation: op.id,
        request,
        response: { status, contentType: contentType ?? null, body: body.slice(0, 2000) },
      },
    });
  }
  return checks;
}
