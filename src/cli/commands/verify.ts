import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  type CheckName,
  CONFORMANCE_CHECKS,
  CONFORMANCE_PHASES,
  type ConformancePhase,
  type ConformanceReport,
  GauntletError,
  postmanChecks,
  renderJunit,
  runCollection,
  type VerifyPactsOptions,
  verifyOpenApi,
  verifyPacts,
} from '../../index.js';
import type { CommandContext } from '../command.js';
import { formatDiagnostic, progress } from '../output.js';

export const VERIFY_USAGE = [
  'gauntlet verify pact --provider NAME [--base-url URL] [--pacts FILE|DIR|URL]... [--states MODULE]',
  '       [--header "Name: value"]... [--broker-url URL [--broker-token T] [--enable-pending]',
  '       [--include-wip-since DATE] [--provider-branch B]] [--publish --provider-version V] [--report FILE] [--json]',
  'gauntlet verify openapi --spec FILE --base-url URL [--cases N] [--seed S] [--checks a,b] [--phases a,b]',
  '       [--header "Name: value"]... [--operation ID]... [--allow-remote] [--report FILE] [--json]',
  'gauntlet verify postman COLLECTION --base-url URL [--var name=value]... [--timeout MS]',
  '       [--junit FILE] [--report FILE] [--allow-remote] [--json]',
].join('\n');

function usageError(message: string): GauntletError {
  return new GauntletError('GAUNTLET_E_USAGE', message, { hint: `Usage:\n${VERIFY_USAGE}` });
}

function str(ctx: CommandContext, name: string): string | undefined {
  const value = ctx.values[name];
  return typeof value === 'string' ? value : undefined;
}

function list(ctx: CommandContext, name: string): string[] {
  const value = ctx.values[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

function integer(ctx: CommandContext, name: string, min: number, max: number): number | undefined {
  const text = str(ctx, name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || n < min || n > max) {
    throw usageError(
      `Failed to read --${name}: because "${text}" is not an integer from ${min} to ${max}.`,
    );
  }
  return n;
}

/** `--header 'Authorization: Bearer x'` (repeatable) → `{Authorization: 'Bearer x'}`. */
export function parseHeaders(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const colon = value.indexOf(':');
    const name = colon > 0 ? value.slice(0, colon).trim() : '';
    if (name === '' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw usageError(`Failed to read --header: because "${value}" is not "Name: value".`);
    }
    out[name] = value.slice(colon + 1).trim();
  }
  return out;
}

/** A repeatable comma-list flag whose items must be among `allowed`. */
function commaList(ctx: CommandContext, name: string, allowed: readonly string[]): string[] {
  const items = list(ctx, name)
    .flatMap((c) => c.split(','))
    .map((c) => c.trim())
    .filter((c) => c !== '');
  for (const item of items) {
    if (!allowed.includes(item)) {
      throw usageError(
        `Failed to read --${name}: because "${item}" is not one of ${allowed.join(', ')}.`,
      );
    }
  }
  return items;
}

async function writeReport(ctx: CommandContext, report: unknown): Promise<void> {
  const file = str(ctx, 'report');
  if (file !== undefined)
    await writeFile(resolve(ctx.cwd, file), `${JSON.stringify(report, null, 2)}\n`);
}

async function pact(ctx: CommandContext): Promise<number> {
  const provider = str(ctx, 'provider');
  if (provider === undefined)
    throw usageError('Failed to verify pacts: because --provider is missing.');
  const json = ctx.values.json === true;
  const options: VerifyPactsOptions = { provider, cwd: ctx.cwd };
  const baseUrl = str(ctx, 'base-url');
  if (baseUrl !== undefined) options.baseUrl = baseUrl;
  const pacts = list(ctx, 'pacts')
    .flatMap((p) => p.split(','))
    .filter((p) => p !== '');
  if (pacts.length > 0) options.pacts = pacts;
  const states = str(ctx, 'states');
  if (states !== undefined) options.statesModule = states;
  const headers = parseHeaders(list(ctx, 'header'));
  if (Object.keys(headers).length > 0) options.headers = headers;
  const brokerUrl = str(ctx, 'broker-url') ?? ctx.env.PACT_BROKER_BASE_URL;
  if (brokerUrl !== undefined) {
    const token = str(ctx, 'broker-token') ?? ctx.env.PACT_BROKER_TOKEN;
    const wip = str(ctx, 'include-wip-since');
    const branch = str(ctx, 'provider-branch');
    options.broker = {
      url: brokerUrl,
      enablePending: ctx.values['enable-pending'] === true,
      ...(token !== undefined ? { token } : {}),
      ...(wip !== undefined ? { includeWipPactsSince: wip } : {}),
      ...(branch !== undefined ? { providerBranch: branch } : {}),
    };
  } else if (ctx.values['enable-pending'] === true || str(ctx, 'include-wip-since') !== undefined) {
    throw usageError(
      'Failed to verify pacts: because --enable-pending and --include-wip-since need --broker-url.',
    );
  }
  if (ctx.values.publish === true) {
    const version = str(ctx, 'provider-version');
    if (version === undefined)
      throw usageError('Failed to publish results: because --provider-version is missing.');
    options.publish = { providerVersion: version };
  }
  if (!json) {
    options.onInteraction = (r, i, total) => {
      const mark = r.status === 'passed' ? 'ok  ' : r.status === 'pending' ? 'pend' : 'FAIL';
      const time = r.durationMs !== undefined ? ` (${r.durationMs} ms)` : '';
      ctx.stdout(
        `[${i + 1}/${total}] ${mark} ${r.consumer} → ${provider}: ${r.description}${time}\n`,
      );
      for (const m of r.mismatches) {
        ctx.stdout(`         ${m.type}${m.path ? ` at ${m.path}` : ''}: ${m.message}\n`);
      }
    };
  }
  const report = await verifyPacts(options);
  await writeReport(ctx, report);
  if (json) {
    ctx.stdout(`${JSON.stringify({ ...report, output: undefined }, null, 2)}\n`);
  } else {
    for (const d of report.diagnostics) ctx.stderr(`[gauntlet] ${formatDiagnostic(d)}\n`);
    const count = (s: string) => report.interactions.filter((i) => i.status === s).length;
    ctx.stdout(
      `${report.passed ? 'PASSED' : 'FAILED'} ${provider}: ${report.interactions.length} interactions, ${count('passed')} passed, ${count('failed')} failed, ${count('pending')} pending (${report.durationMs} ms)\n`,
    );
  }
  return report.passed ? 0 : 1;
}

async function openapi(ctx: CommandContext): Promise<number> {
  const spec = str(ctx, 'spec') ?? ctx.positionals[1];
  if (spec === undefined) throw usageError('Failed to verify: because --spec is missing.');
  const baseUrl = str(ctx, 'base-url');
  if (baseUrl === undefined) throw usageError('Failed to verify: because --base-url is missing.');
  const json = ctx.values.json === true;
  const checks = commaList(ctx, 'checks', CONFORMANCE_CHECKS);
  const phases = commaList(ctx, 'phases', CONFORMANCE_PHASES);
  const cases = integer(ctx, 'cases', 0, 10_000);
  const seed = integer(ctx, 'seed', -(2 ** 31), 2 ** 31 - 1);
  const operations = list(ctx, 'operation');
  const headers = parseHeaders(list(ctx, 'header'));
  const bar = progress(ctx, !json);
  const report = await verifyOpenApi({
    spec,
    baseUrl,
    cwd: ctx.cwd,
    allowRemote: ctx.values['allow-remote'] === true,
    ...(cases !== undefined ? { cases } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(checks.length > 0 ? { checks: checks as CheckName[] } : {}),
    ...(phases.length > 0 ? { phases: phases as ConformancePhase[] } : {}),
    ...(operations.length > 0 ? { operations } : {}),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    onCase: (c, i, total) =>
      bar.update(`[${i + 1}/${total}] ${c.method} ${c.pathTemplate} ${c.label}`),
  });
  bar.done();
  await writeReport(ctx, report);
  if (json) {
    ctx.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return report.passed ? 0 : 1;
  }
  for (const op of report.operations) {
    ctx.stdout(
      `${op.failed === 0 ? 'ok  ' : 'FAIL'} ${op.method} ${op.path}: ${op.cases} cases, ${op.failed} failed\n`,
    );
  }
  ctx.stdout(`${phaseLine(report)}\n`);
  for (const failure of report.failures) {
    ctx.stdout(
      `\n${failure.method} ${failure.path} [${failure.phase}, ${failure.source}: ${failure.label}] → ${failure.status ?? 'no response'}\n`,
    );
    for (const f of failure.failures) ctx.stdout(`  ${f.check}: ${f.message}\n`);
    for (const line of failure.sequence ?? [failure.curl]) ctx.stdout(`  ${line}\n`);
  }
  const failedChecks = Object.entries(report.counts)
    .filter(([, c]) => c.failed > 0)
    .map(([name, c]) => `${name} ×${c.failed}`);
  ctx.stdout(
    `\n${report.passed ? 'PASSED' : 'FAILED'} ${report.service} at ${report.baseUrl}: ${Object.values(report.phases).reduce((n, p) => n + p.requests, 0)} requests (seed ${report.seed}), ${report.failures.length} failed${failedChecks.length > 0 ? ` (${failedChecks.join(', ')})` : ''} in ${report.durationMs} ms\n`,
  );
  return report.passed ? 0 : 1;
}

async function postman(ctx: CommandContext): Promise<number> {
  const collection = ctx.positionals[1];
  if (collection === undefined)
    throw usageError('Failed to verify: because the COLLECTION file is missing.');
  const baseUrl = str(ctx, 'base-url');
  if (baseUrl === undefined) throw usageError('Failed to verify: because --base-url is missing.');
  const variables: Record<string, string> = {};
  for (const v of list(ctx, 'var')) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw usageError(`Failed to read --var: because "${v}" is not "name=value".`);
    variables[v.slice(0, eq)] = v.slice(eq + 1);
  }
  const timeoutMs = integer(ctx, 'timeout', 1, 600_000);
  const json = ctx.values.json === true;
  const report = await runCollection({
    collection,
    baseUrl,
    cwd: ctx.cwd,
    allowRemote: ctx.values['allow-remote'] === true,
    variables,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(json
      ? {}
      : {
          onRequest: (r, i) => {
            ctx.stdout(
              `[${i + 1}] ${r.passed ? 'ok  ' : 'FAIL'} ${r.method} ${r.name} → ${r.status ?? 'no answer'}${r.durationMs !== undefined ? ` (${r.durationMs} ms)` : ''}\n`,
            );
            for (const a of r.assertions.filter((x) => !x.passed))
              ctx.stdout(`       ${a.name}: ${a.message ?? 'failed'}\n`);
            if (r.error) ctx.stdout(`       ${r.error}\n`);
          },
        }),
  });
  await writeReport(ctx, report);
  const junit = str(ctx, 'junit');
  if (junit !== undefined) {
    const checks = postmanChecks(report);
    const status = report.passed ? 'passed' : 'failed';
    await writeFile(
      resolve(ctx.cwd, junit),
      renderJunit(
        {
          startedAt: new Date(Date.now() - report.durationMs).toISOString(),
          durationMs: report.durationMs,
          status,
          stages: [
            {
              name: 'verify-postman',
              title: `Postman collection ${collection} at ${report.baseUrl}`,
              status,
              durationMs: report.durationMs,
              summary: `${checks.filter((c) => c.status === 'passed').length}/${checks.length} requests passed`,
              checks,
            },
          ],
        },
        'gauntlet verify postman',
      ),
    );
  }
  if (json) ctx.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else
    ctx.stdout(
      `${report.passed ? 'PASSED' : 'FAILED'} ${collection} at ${report.baseUrl}: ${report.requests.length} requests, ${report.requests.filter((r) => !r.passed).length} failed; ${report.assertions.total} tests, ${report.assertions.failed} failed (${report.durationMs} ms)\n`,
    );
  return report.passed ? 0 : 1;
}

/** `requests by phase: examples 4, coverage 36 (1 failed), …`. */
function phaseLine(report: ConformanceReport): string {
  const parts = Object.entries(report.phases).map(
    ([phase, p]) => `${phase} ${p.requests}${p.failed > 0 ? ` (${p.failed} failed)` : ''}`,
  );
  return `requests by phase: ${parts.join(', ')}`;
}

/**
 * `gauntlet verify pact|openapi ...`: verifies a running provider against consumer pacts (through
 * the Pact core) or against its OpenAPI/RAML contract. Exit 0 when it conforms, 1 when not, 2 on
 * usage errors.
 */
export default async function verify(ctx: CommandContext): Promise<number> {
  const mode = ctx.positionals[0];
  if (mode === 'pact') return pact(ctx);
  if (mode === 'openapi' || mode === 'raml') return openapi(ctx);
  if (mode === 'postman') return postman(ctx);
  throw usageError(
    `Failed to verify: because ${mode === undefined ? 'no mode was given' : `"${mode}" is not a mode`} (pact, openapi or postman).`,
  );
}
