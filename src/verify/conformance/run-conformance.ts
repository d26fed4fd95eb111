import { createSchemaCompiler } from '../../matching/json-schema.js';
import type { HttpOperation, Service } from '../../model/index.js';
import { hashString, seededRandom } from '../../util/random.js';
import { buildCases, type Draft, makeDraft, toRequest } from './cases.js';
import { runChecks, serverErrorMessage } from './checks.js';
import { toCurl } from './curl.js';
import { buildSequences, evaluateExpression, findLinks, statusMatches } from './links.js';
import { checkUnsupportedMethod, undeclaredMethodProbes } from './methods.js';
import {
  type CheckFailure,
  type CheckName,
  CONFORMANCE_CHECKS,
  CONFORMANCE_PHASES,
  type ConformanceCase,
  type ConformanceFailure,
  type ConformancePhase,
  type ConformanceReport,
  type ConformanceRequest,
  type ConformanceResponse,
  type OperationSummary,
} from './types.js';

export interface RunConformanceOptions {
  baseUrl: string;
  /** Sends one request (the adapter does the I/O); rejects when no response came back. */
  send: (request: ConformanceRequest) => Promise<ConformanceResponse>;
  /** Generated cases per operation (default 5). */
  cases?: number;
  seed?: number;
  checks?: readonly CheckName[];
  /** The phases to run (default: all of `CONFORMANCE_PHASES`). */
  phases?: readonly ConformancePhase[];
  /** Headers added to every request (auth), after the case's own. */
  headers?: Record<string, string>;
  /** Only these operations (by operationId or `METHOD /path`). */
  operations?: readonly string[];
  /** Called after each request, for progress (`total` is the most the run can send). */
  onCase?: (testCase: ConformanceCase, index: number, total: number, failed: boolean) => void;
  now?: () => number;
  /** 5xx statuses that do not fail `not_a_server_error` (documented ones the environment causes). */
  allowServerErrors?: readonly number[];
  /** Waits (for Retry-After); default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

/** The longest Retry-After a run waits for before asking again (longer ones are judged as they are). */
const MAX_RETRY_AFTER_MS = 2_000;

/** The wait a 503 asks for with Retry-After (delay-seconds), when it is short enough to honour. */
function retryAfterMs(response: ConformanceResponse): number | undefined {
  const value = response.headers['retry-after'];
  if (response.status !== 503 || value === undefined || !/^\d+$/.test(value.trim())) {
    return undefined;
  }
  const ms = Number(value) * 1000;
  return ms <= MAX_RETRY_AFTER_MS ? ms : undefined;
}

/** How many requests a stateful sequence may try its first step with before giving up. */
const PRODUCER_ATTEMPTS = 4;

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function pathValuesOf(draft: Draft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [param, value] of draft.params) if (param.in === 'path') out[param.name] = value;
  return out;
}

/**
 * Runs OpenAPI/RAML conformance of a running provider, phase by phase (see `CONFORMANCE_PHASES`):
 * the spec's examples, the coverage phase (boundary and shape values, and their invalid twins;
 * see `buildCases`), undeclared methods (405 with `Allow`), seeded generated cases, and stateful
 * sequences along OpenAPI links and inferred ones (create → act on its id → delete). Every answer
 * goes through the checks (see `runChecks`); a stateful failure carries the curl lines of the
 * whole sequence. A 503 with a Retry-After of up to 2 s is asked again once after the wait, and
 * the retry's answer is judged. The report counts the requests each phase sent. Pure: the
 * sockets are in `send`.
 *
 * @example
 * const report = await runConformance(service, { baseUrl, send, cases: 5, seed: 1 });
 * for (const f of report.failures) console.log(f.phase, f.failures[0]?.check, f.curl);
 */
export async function runConformance(
  service: Service,
  options: RunConformanceOptions,
): Promise<ConformanceReport> {
  const now = options.now ?? (() => Date.now());
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const started = now();
  const seed = options.seed ?? 0;
  const casesPerOperation = options.cases ?? 5;
  const checks = [...(options.checks ?? CONFORMANCE_CHECKS)];
  const enabled = new Set<CheckName>(checks);
  const allowedServerErrors = new Set(options.allowServerErrors ?? []);
  const phases = CONFORMANCE_PHASES.filter((p) => !options.phases || options.phases.includes(p));
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
  const { cases, diagnostics } = buildCases(scoped, {
    cases: casesPerOperation,
    seed,
    compiler,
    phases: phases.filter((p) => p !== 'methods' && p !== 'stateful'),
  });
  const exampleDrafts = new Map<HttpOperation, Draft | undefined>();
  const exampleDraft = (op: HttpOperation): Draft | undefined => {
    if (!exampleDrafts.has(op)) {
      const random = seededRandom(hashString(`${seed}:${op.id}:example`));
      exampleDrafts.set(op, makeDraft(op, scoped, compiler, random, true));
    }
    return exampleDrafts.get(op);
  };
  const probes = phases.includes('methods')
    ? undeclaredMethodProbes(scoped.operations, (op) => {
        const draft = exampleDraft(op);
        return draft ? toRequest(op, draft) : undefined;
      })
    : [];
  const links = phases.includes('stateful') ? findLinks(scoped) : [];
  const sequences = buildSequences(links);
  const total =
    cases.length + probes.length + sequences.reduce((n, s) => n + s.steps.length + 1, 0);

  const counts = Object.fromEntries(
    CONFORMANCE_CHECKS.map((c) => [c, { passed: 0, failed: 0 }]),
  ) as ConformanceReport['counts'];
  const summaries = new Map<string, OperationSummary>(
    scoped.operations.map((op) => [
      op.id,
      { operationId: op.id, method: op.method, path: op.path, cases: 0, failed: 0 },
    ]),
  );
  const phaseSummary: ConformanceReport['phases'] = Object.fromEntries(
    phases.map((p) => [p, { requests: 0, failed: 0 }]),
  );
  const failures: ConformanceFailure[] = [];
  const extraHeaders = lowerKeys(options.headers ?? {});
  /** The 2xx exchanges of the examples phase, per operation: what stateful sequences start from. */
  const createdByExamples = new Map<
    string,
    Array<{ request: ConformanceRequest; response: ConformanceResponse }>
  >();
  let sent = 0;

  /**
   * Sends one case and runs `judge` on the answer; records counts and the failure. Returns the
   * response (undefined when none came back).
   */
  const exchange = async (
    testCase: ConformanceCase,
    judge: (response: ConformanceResponse) => { failures: CheckFailure[]; applied: CheckName[] },
    sequence?: string[],
  ): Promise<{ request: ConformanceRequest; response?: ConformanceResponse }> => {
    const request: ConformanceRequest = {
      ...testCase.request,
      headers: { ...testCase.request.headers, ...extraHeaders },
    };
    const curl = toCurl(options.baseUrl, request);
    const summary = summaries.get(testCase.operationId);
    if (summary) summary.cases++;
    const phase = phaseSummary[testCase.phase];
    if (phase) phase.requests++;
    const base = {
      operationId: testCase.operationId,
      method: testCase.method,
      path: testCase.request.path,
      phase: testCase.phase,
      source: testCase.source,
      label: testCase.label,
      curl,
      ...(sequence ? { sequence: [...sequence, curl] } : {}),
    };
    let failedNow = false;
    const record = (failed: CheckFailure[], status?: number): void => {
      if (failed.length === 0) return;
      failedNow = true;
      failures.push({ ...base, ...(status !== undefined ? { status } : {}), failures: failed });
      if (summary) summary.failed++;
      if (phase) phase.failed++;
    };
    let response: ConformanceResponse | undefined;
    try {
      response = await options.send(request);
      // 503 with Retry-After says "come back later" (a dependency timed out, a breaker is
      // open): asked again once after the wait, the answer to the retry is what is judged.
      const wait = retryAfterMs(response);
      if (wait !== undefined) {
        await sleep(wait);
        if (phase) phase.requests++;
        response = await options.send(request);
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      record([{ check: 'not_a_server_error', message: `No response: ${reason}` }]);
      counts.not_a_server_error.failed++;
    }
    if (response) {
      if (testCase.phase === 'examples' && response.status >= 200 && response.status < 300) {
        const list = createdByExamples.get(testCase.operationId) ?? [];
        list.push({ request, response });
        createdByExamples.set(testCase.operationId, list);
      }
      const result = judge(response);
      const failedChecks = new Set(result.failures.map((f) => f.check));
      for (const check of result.applied) {
        counts[check][failedChecks.has(check) ? 'failed' : 'passed']++;
      }
      record(result.failures, response.status);
    }
    options.onCase?.(testCase, sent++, total, failedNow);
    return response ? { request, response } : { request };
  };

  const byId = new Map(scoped.operations.map((op) => [op.id, op]));
  const standard =
    (operation: HttpOperation, testCase: ConformanceCase) => (response: ConformanceResponse) =>
      runChecks({ service, compiler, operation, testCase, response, enabled, allowedServerErrors });

  const runCases = async (phase: ConformancePhase): Promise<void> => {
    for (const testCase of cases) {
      const operation = byId.get(testCase.operationId);
      if (operation && testCase.phase === phase) {
        await exchange(testCase, standard(operation, testCase));
      }
    }
  };

  const runMethods = async (): Promise<void> => {
    for (const probe of probes) {
      const testCase: ConformanceCase = {
        operationId: `${probe.request.method} ${probe.pathTemplate}`,
        method: probe.request.method,
        pathTemplate: probe.pathTemplate,
        phase: 'methods',
        source: 'method',
        label: `undeclared method ${probe.request.method}`,
        request: probe.request,
      };
      await exchange(testCase, (response) => {
        const failed: CheckFailure[] = [];
        const applied: CheckName[] = [];
        if (enabled.has('not_a_server_error')) {
          applied.push('not_a_server_error');
          const message = serverErrorMessage(response.status, allowedServerErrors);
          if (message !== undefined) failed.push({ check: 'not_a_server_error', message });
        }
        if (enabled.has('unsupported_method')) {
          applied.push('unsupported_method');
          const failure = checkUnsupportedMethod(probe, response);
          if (failure) failed.push(failure);
        }
        return { failures: failed, applied };
      });
    }
  };

  /**
   * Producer drafts to try in turn until one is answered 2xx: the example one, then seeded
   * generated ones (the example's data may be used up by the phases before, e.g. stock).
   */
  const producerDrafts = (op: HttpOperation): Draft[] => {
    const out: Draft[] = [];
    const first = exampleDraft(op);
    if (first) out.push(first);
    for (let i = 0; i < PRODUCER_ATTEMPTS - 1; i++) {
      const random = seededRandom(hashString(`${seed}:${op.id}:stateful:${i}`));
      const draft = makeDraft(op, scoped, compiler, random, false);
      if (draft) out.push(draft);
    }
    return out;
  };

  const runStateful = async (): Promise<void> => {
    for (const sequence of sequences) {
      const names = [sequence.producer.id, ...sequence.steps.map((s) => s.to.id)].join(' → ');
      let curls: string[] = [];
      let created: { request: ConformanceRequest; response?: ConformanceResponse } | undefined;
      let producerDraft: Draft | undefined;
      // What the examples phase created starts a sequence first: sending the example again
      // may find its data used up (stock) or taken (a unique name).
      const kept = createdByExamples.get(sequence.producer.id)?.shift();
      if (kept) {
        created = kept;
        producerDraft = exampleDraft(sequence.producer);
        curls = [toCurl(options.baseUrl, kept.request)];
      }
      for (const draft of kept ? [] : producerDrafts(sequence.producer)) {
        curls = [];
        const first: ConformanceCase = {
          operationId: sequence.producer.id,
          method: sequence.producer.method,
          pathTemplate: sequence.producer.path,
          phase: 'stateful',
          source: 'stateful',
          label: `${names}: step 1`,
          request: toRequest(sequence.producer, draft),
        };
        created = await exchange(first, standard(sequence.producer, first), curls);
        curls.push(toCurl(options.baseUrl, created.request));
        producerDraft = draft;
        const status = created.response?.status;
        if (status === undefined || (status >= 200 && status < 300)) break;
      }
      const origin = created?.response;
      if (!created || !producerDraft || !origin || origin.status < 200 || origin.status >= 300) {
        continue;
      }
      /** The sequence's DELETE answered 2xx: what it created is gone. */
      let deleted = false;
      for (const [index, link] of sequence.steps.entries()) {
        if (!statusMatches(link.status, origin.status)) break;
        const base = exampleDraft(link.to);
        if (!base) break;
        const params = new Map(base.params);
        let resolved = true;
        for (const { param, expression } of link.parameters) {
          const value = evaluateExpression(expression, {
            request: created.request,
            pathValues: pathValuesOf(producerDraft),
            response: origin,
          });
          if (value === undefined) resolved = false;
          else params.set(param, value);
        }
        if (!resolved) break;
        const testCase: ConformanceCase = {
          operationId: link.to.id,
          method: link.to.method,
          pathTemplate: link.to.path,
          phase: 'stateful',
          source: 'stateful',
          label: `${names}: step ${index + 2} (${link.name})`,
          request: toRequest(link.to, { ...base, params }),
        };
        const wasDeleted = deleted;
        const step = await exchange(
          testCase,
          (response) => {
            const result = standard(link.to, testCase)(response);
            const status = response.status;
            const gone = status === 404 || status === 410;
            if (!wasDeleted && enabled.has('ensure_resource_availability')) {
              result.applied.push('ensure_resource_availability');
              if (gone) {
                result.failures.push({
                  check: 'ensure_resource_availability',
                  message: `${sequence.producer.id} answered ${origin.status} and created it, but ${link.to.method} ${testCase.request.path} answered ${status}.`,
                });
              }
            }
            if (wasDeleted && enabled.has('use_after_free')) {
              result.applied.push('use_after_free');
              if (status >= 200 && status < 300) {
                result.failures.push({
                  check: 'use_after_free',
                  message: `It was deleted by the step before, but ${link.to.method} ${testCase.request.path} answered ${status}; expected 404 or 410.`,
                });
              }
            }
            return result;
          },
          curls,
        );
        curls.push(toCurl(options.baseUrl, step.request));
        const status = step.response?.status;
        if (status === undefined) break;
        if (link.to.method === 'DELETE' && status >= 200 && status < 300) deleted = true;
      }
    }
  };

  for (const phase of phases) {
    if (phase === 'methods') await runMethods();
    else if (phase === 'stateful') await runStateful();
    else await runCases(phase);
  }

  return {
    service: service.name,
    file: service.file,
    baseUrl: options.baseUrl,
    seed,
    casesPerOperation,
    checks,
    phases: phaseSummary,
    stateful: { sequences: sequences.length, links: links.map((l) => l.name) },
    operations: [...summaries.values()],
    failures,
    counts,
    diagnostics,
    passed: failures.length === 0,
    durationMs: Math.round(now() - started),
  };
}
