import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { GauntletError } from '../../errors.js';
import type { PostmanRequestResult, PostmanVerifyReport } from '../../verify/postman/types.js';
import { checkBaseUrl } from '../conformance/verify-openapi.js';

export interface RunCollectionOptions {
  /** The collection file (v2.0/v2.1 JSON). */
  collection: string;
  /** Sets the `baseUrl` variable (an environment variable, so it wins over the collection's). */
  baseUrl: string;
  cwd: string;
  /** Allow a base URL that is not on this machine. */
  allowRemote?: boolean;
  /** Per-request timeout (default 10 000 ms). */
  timeoutMs?: number;
  /** More variables for the run (`--var name=value`). */
  variables?: Record<string, string>;
  /** Called after each request with its result. */
  onRequest?: (result: PostmanRequestResult, index: number) => void;
}

/** The slice of newman's run summary read here (newman ships no types). */
interface NewmanExecution {
  item?: { name?: string; parent?: () => { name?: string; parent?: () => unknown } | undefined };
  request?: { method?: string; url?: { toString(): string } };
  response?: { code?: number; responseTime?: number };
  assertions?: Array<{ assertion?: string; error?: { message?: string } }>;
  requestError?: { message?: string };
}

interface NewmanSummary {
  run: {
    executions: NewmanExecution[];
    failures: Array<{ error?: { message?: string }; source?: { name?: string } }>;
  };
}

interface Newman {
  run(
    options: Record<string, unknown>,
    callback: (error: Error | null, summary: NewmanSummary) => void,
  ): {
    on(event: string, listener: (...args: unknown[]) => void): unknown;
    summary?: NewmanSummary;
  };
}

function itemPath(item: NewmanExecution['item']): string {
  const names: string[] = [];
  let node: { name?: string; parent?: () => unknown } | undefined = item;
  // Walks up to the collection (whose parent is undefined); the collection's own name is left out.
  while (node) {
    const parent = node.parent?.() as { name?: string; parent?: () => unknown } | undefined;
    if (parent && node.name) names.unshift(node.name);
    else if (!parent && names.length === 0 && node.name) names.unshift(node.name);
    node = parent;
  }
  return names.join(' / ');
}

function toResult(e: NewmanExecution): PostmanRequestResult {
  const assertions = (e.assertions ?? []).map((a) => ({
    name: a.assertion ?? 'test',
    passed: !a.error,
    ...(a.error?.message ? { message: a.error.message } : {}),
  }));
  const error = e.requestError?.message;
  return {
    name: itemPath(e.item) || 'request',
    method: e.request?.method ?? 'GET',
    url: e.request?.url?.toString() ?? '',
    ...(e.response?.code !== undefined ? { status: e.response.code } : {}),
    ...(e.response?.responseTime !== undefined ? { durationMs: e.response.responseTime } : {}),
    assertions,
    ...(error ? { error: `the request failed: ${error}` } : {}),
    passed: !error && assertions.every((a) => a.passed),
  };
}

/**
 * Runs a Postman collection's own requests and tests against a provider through newman (the
 * Postman runner, used as a library): `{{baseUrl}}` points at `baseUrl`, every request is sent
 * in order, and each request's `pm.test` results are collected. Throws GAUNTLET_E_FILE_NOT_FOUND
 * for a missing collection and GAUNTLET_E_POSTMAN_RUN when newman cannot run it at all.
 *
 * @example
 * const report = await runCollection({
 *   collection: 'contracts/postman/gateway.postman_collection.json',
 *   baseUrl: 'http://127.0.0.1:4100', cwd: process.cwd(),
 * });
 * report.passed; // true when every request answered and every test passed
 */
export async function runCollection(options: RunCollectionOptions): Promise<PostmanVerifyReport> {
  checkBaseUrl(options.baseUrl, options.allowRemote ?? false);
  const file = resolve(options.cwd, options.collection);
  let collection: unknown;
  try {
    collection = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new GauntletError(
      missing ? 'GAUNTLET_E_FILE_NOT_FOUND' : 'GAUNTLET_E_POSTMAN_RUN',
      missing
        ? `Failed to verify ${options.collection}: no such file.`
        : `Failed to verify ${options.collection}: because it is not JSON (${error instanceof Error ? error.message : String(error)}).`,
      { hint: 'Pass a Postman collection v2.0/v2.1 JSON file.' },
    );
  }
  // newman is CommonJS without types: imported by name so TypeScript does not ask for them.
  const specifier = 'newman';
  const newman = ((await import(specifier)) as { default: Newman }).default;
  const started = performance.now();
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const envVar = [
    { key: 'baseUrl', value: baseUrl },
    ...Object.entries(options.variables ?? {}).map(([key, value]) => ({ key, value })),
  ];
  const summary = await new Promise<NewmanSummary>((done, fail) => {
    let index = 0;
    const emitter = newman.run(
      {
        collection,
        envVar,
        reporters: [],
        timeoutRequest: options.timeoutMs ?? 10_000,
        // No cookies or redirects carried over between requests beyond what the collection asks.
        ignoreRedirects: false,
      },
      (error, result) => {
        if (error)
          fail(
            new GauntletError(
              'GAUNTLET_E_POSTMAN_RUN',
              `Failed to run ${options.collection} through newman: because ${error.message}.`,
              { hint: 'Check that the file is a Postman collection v2.0/v2.1 (gauntlet inspect).' },
            ),
          );
        else done(result);
      },
    );
    // The run's summary fills as it goes: after each item its execution is the last one.
    emitter.on('item', () => {
      const execution = emitter.summary?.run.executions.at(-1);
      if (execution && options.onRequest) options.onRequest(toResult(execution), index++);
    });
  });
  const requests = summary.run.executions.map(toResult);
  const all = requests.flatMap((r) => r.assertions);
  return {
    collection: options.collection,
    baseUrl,
    passed: requests.length > 0 && requests.every((r) => r.passed),
    requests,
    assertions: { total: all.length, failed: all.filter((a) => !a.passed).length },
    durationMs: Math.round(performance.now() - started),
  };
}
