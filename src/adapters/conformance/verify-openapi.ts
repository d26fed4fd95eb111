import { GauntletError } from '../../errors.js';
import { isLoopbackHost } from '../../http/loopback.js';
import { formatLocation } from '../../model/index.js';
import { requestUrl } from '../../verify/conformance/curl.js';
import { runConformance } from '../../verify/conformance/run-conformance.js';
import type {
  CheckName,
  ConformanceCase,
  ConformancePhase,
  ConformanceReport,
  ConformanceRequest,
  ConformanceResponse,
} from '../../verify/conformance/types.js';
import { loadPaths } from '../fs/load-paths.js';

export interface VerifyOpenApiOptions {
  /** The OpenAPI (2/3.0/3.1) or RAML file describing the provider. */
  spec: string;
  baseUrl: string;
  /** Generated cases per operation (default 5). */
  cases?: number;
  seed?: number;
  /** Checks to run (default: all of them). */
  checks?: readonly CheckName[];
  /** 5xx statuses that do not fail `not_a_server_error` (documented ones the environment causes). */
  allowServerErrors?: readonly number[];
  /** Phases to run (default: all: examples, stateful, coverage, methods, generated). */
  phases?: readonly ConformancePhase[];
  /** Headers added to every request (e.g. `{Authorization: 'Bearer x'}`). */
  headers?: Record<string, string>;
  /** Only these operations (operationId or `METHOD /path`). */
  operations?: readonly string[];
  /** Allow a base URL that is not 127.0.0.1/localhost/::1 (generated and invalid requests get sent there). */
  allowRemote?: boolean;
  /** Per-request timeout in milliseconds (default 10000). */
  timeoutMs?: number;
  cwd?: string;
  onCase?: (testCase: ConformanceCase, index: number, total: number, failed: boolean) => void;
}

/** Throws GAUNTLET_E_VERIFY_REMOTE for a non-local URL unless allowed; GAUNTLET_E_USAGE for a bad one. */
export function checkBaseUrl(baseUrl: string, allowRemote: boolean): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new GauntletError(
      'GAUNTLET_E_USAGE',
      `Failed to read --base-url: because '${baseUrl}' is not a URL.`,
      {
        hint: 'Pass a URL such as http://127.0.0.1:4102.',
      },
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new GauntletError(
      'GAUNTLET_E_USAGE',
      `Failed to read --base-url: because '${baseUrl}' is not http(s).`,
      {
        hint: 'Pass a URL such as http://127.0.0.1:4102.',
      },
    );
  }
  if (!allowRemote && !isLoopbackHost(url.hostname)) {
    throw new GauntletError(
      'GAUNTLET_E_VERIFY_REMOTE',
      `Failed to verify ${baseUrl}: because it is not a local address, and verification sends generated and invalid requests.`,
      {
        hint: 'Point --base-url at 127.0.0.1 or localhost, or pass --allow-remote if you own that server.',
      },
    );
  }
  return url;
}

/** Sends one conformance request with fetch; the body is read as text. */
export function fetchSender(baseUrl: string, timeoutMs: number) {
  return async (request: ConformanceRequest): Promise<ConformanceResponse> => {
    const init: RequestInit = {
      method: request.method,
      headers: request.headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    };
    if (request.body !== undefined) init.body = request.body;
    const res = await fetch(requestUrl(baseUrl, request), init);
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return { status: res.status, headers, body: await res.text() };
  };
}

/**
 * Checks that a running provider conforms to its OpenAPI or RAML contract (what Schemathesis and
 * Dredd do), phase by phase: a request from the spec's examples per operation, the coverage
 * phase (boundary and shape values of every parameter and body property, and their invalid
 * twins), undeclared methods (405 with Allow), `cases` seeded generated requests, and stateful
 * sequences along OpenAPI links and inferred ones; every answer goes through the checks. Each
 * failure carries a curl line that reproduces it (a stateful one: the whole sequence's).
 *
 * @example
 * const report = await verifyOpenApi({ spec: 'contracts/openapi/inventory.yaml', baseUrl: 'http://127.0.0.1:4102', seed: 1 });
 * for (const f of report.failures) console.log(f.failures.map((c) => c.check).join(', '), f.curl);
 */
export async function verifyOpenApi(options: VerifyOpenApiOptions): Promise<ConformanceReport> {
  checkBaseUrl(options.baseUrl, options.allowRemote === true);
  const cwd = options.cwd ?? process.cwd();
  const [source] = await loadPaths([options.spec], { cwd });
  const errors = source?.diagnostics.filter((d) => d.severity === 'error') ?? [];
  if (!source?.service || errors.length > 0) {
    const first = errors[0];
    throw new GauntletError(
      'GAUNTLET_E_SPEC_INVALID',
      `Failed to load ${options.spec}: because ${first ? `${formatLocation(first.location)} ${first.message}` : 'it holds no contract'}.`,
      { hint: 'Run `gauntlet lint` on it and fix the errors first.' },
    );
  }
  if (source.service.operations.length === 0) {
    throw new GauntletError(
      'GAUNTLET_E_SPEC_INVALID',
      `Failed to verify against ${options.spec}: because it describes no HTTP operations (is it a pact?).`,
      { hint: 'Pass an OpenAPI or RAML file; verify pacts with `gauntlet verify pact`.' },
    );
  }
  return runConformance(source.service, {
    baseUrl: options.baseUrl,
    send: fetchSender(options.baseUrl, options.timeoutMs ?? 10_000),
    ...(options.cases !== undefined ? { cases: options.cases } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.checks !== undefined ? { checks: options.checks } : {}),
    ...(options.phases !== undefined ? { phases: options.phases } : {}),
    ...(options.allowServerErrors !== undefined
      ? { allowServerErrors: options.allowServerErrors }
      : {}),
    ...(options.headers !== undefined ? { headers: options.headers } : {}),
    ...(options.operations !== undefined ? { operations: options.operations } : {}),
    ...(options.onCase !== undefined ? { onCase: options.onCase } : {}),
  });
}
