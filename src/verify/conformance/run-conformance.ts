import { createSchemaCompiler } from '../../matching/json-schema.js';
import type { Service } from '../../model/index.js';
import { buildCases } from './cases.js';
import { runChecks } from './checks.js';
import { toCurl } from './curl.js';
import {
  type CheckName,
  CONFORMANCE_CHECKS,
  type ConformanceCase,
  type ConformanceFailure,
  type ConformanceReport,
  type ConformanceRequest,
  type ConformanceResponse,
  type OperationSummary,
} from './types.js';

export interface RunConformanceOptions {
  baseUrl: string;
  /** Sends one request (the adapter does the I/O); rejects when no response came back. */
  send: (request: ConformanceRequest) => Promise<ConformanceResponse>;
  cases?: number;
  seed?: number;
  checks?: readonly CheckName[];
  /** Headers added to every request (auth), after the case's own. */
  headers?: Record<string, string>;
  /** Only these operations (by operationId or `METHOD /path`). */
  operations?: readonly string[];
  /** Called after each case, for progress. */
  onCase?: (testCase: ConformanceCase, index: number, total: number, failed: boolean) => void;
  now?: () => number;
}

/**
 * Runs OpenAPI/RAML conformance of a running provider: builds the cases (see `buildCases`), sends
 * each one through `send`, and runs the checks (see `runChecks`) on every answer. Pure: the
 * sockets are in `send`.
 *
 * @example
 * const report = await runConformance(service, { baseUrl, send, cases: 5, seed: 1 });
 * for (const f of report.failures) console.log(f.failures[0]?.check, f.curl);
 */
export async function runConformance(
  service: Service,
  options: RunConformanceOptions,
): Promise<ConformanceReport> {
  const now = options.now ?? (() => Date.now());
  const started = now();
  const seed = options.seed ?? 0;
  const casesPerOperation = options.cases ?? 5;
  const checks = [...(options.checks ?? CONFORMANCE_CHECKS)];
  const enabled = new Set<CheckName>(checks);
  const compiler = createSchemaCompiler(service.schemas);
  const wanted = options.operations ? new Set(options.operations) : undefined;
  const scoped: Service = wanted
    ? {
        ...service,
        operations: service.operations.filter(
          (op) => wanted.has(op.id) || wanted.has(`${op.method} ${op.path}`),
        ),
      }
    : service;
  const { cases, diagnostics } = buildCases(scoped, { cases: casesPerOperation, seed, compiler });
  const byId = new Map(scoped.operations.map((op) => [op.id, op]));
  const counts = Object.fromEntries(
    CONFORMANCE_CHECKS.map((c) => [c, { passed: 0, failed: 0 }]),
  ) as ConformanceReport['counts'];
  const summaries = new Map<string, OperationSummary>(
    scoped.operations.map((op) => [
      op.id,
      { operationId: op.id, method: op.method, path: op.path, cases: 0, failed: 0 },
    ]),
  );
  const failures: ConformanceFailure[] = [];
  for (const [index, testCase] of cases.entries()) {
    const operation = byId.get(testCase.operationId);
    if (!operation) continue;
    const request: ConformanceRequest = {
      ...testCase.request,
      headers: { ...testCase.request.headers, ...lowerKeys(options.headers ?? {}) },
    };
    const summary = summaries.get(operation.id);
    if (summary) summary.cases++;
    const curl = toCurl(options.baseUrl, request);
    const base = {
      operationId: operation.id,
      method: operation.method,
      path: testCase.request.path,
      source: testCase.source,
      label: testCase.label,
      curl,
    };
    let response: ConformanceResponse;
    try {
      response = await options.send(request);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      failures.push({
        ...base,
        failures: [{ check: 'not_a_server_error', message: `No response: ${reason}` }],
      });
      counts.not_a_server_error.failed++;
      if (summary) summary.failed++;
      options.onCase?.(testCase, index, cases.length, true);
      continue;
    }
    const result = runChecks({ service, compiler, operation, testCase, response, enabled });
    const failedChecks = new Set(result.failures.map((f) => f.check));
    for (const check of result.applied)
      counts[check][failedChecks.has(check) ? 'failed' : 'passed']++;
    if (result.failures.length > 0) {
      failures.push({ ...base, status: response.status, failures: result.failures });
      if (summary) summary.failed++;
    }
    options.onCase?.(testCase, index, cases.length, result.failures.length > 0);
  }
  return {
    service: service.name,
    file: service.file,
    baseUrl: options.baseUrl,
    seed,
    casesPerOperation,
    checks,
    operations: [...summaries.values()],
    failures,
    counts,
    diagnostics,
    passed: failures.length === 0,
    durationMs: Math.round(now() - started),
  };
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
