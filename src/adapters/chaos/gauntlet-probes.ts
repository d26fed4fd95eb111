import { isAbsolute, resolve } from 'node:path';
import { createAdminClient } from '../../admin-client/index.js';
import { GauntletError } from '../../errors.js';
import { createSchemaCompiler } from '../../matching/json-schema.js';
import type { JsonSchema } from '../../model/index.js';
import {
  type ProbeAnswer,
  type ProbeRequest,
  requestOf,
  type SampleSink,
  sendProbeRequest,
} from './probe-request.js';

/** What Gauntlet's probes get besides their arguments. */
export interface ProbeContext {
  /** The config folder: `module` paths are relative to it. */
  cwd: string;
  /** Services replaced by Gauntlet mocks in this run: name → base URL (the admin API is under it). */
  mocks: Readonly<Record<string, string>>;
  signal: AbortSignal;
  sink?: SampleSink;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Imports a .ts/.js module (TypeScript through tsx). */
  importModule(file: string): Promise<Record<string, unknown>>;
}

type Args = Record<string, unknown>;

const num = (value: unknown, fallback: number): number =>
  value === undefined ? fallback : Number(value);

/** Statuses a probe accepts: a list, or by default every answer below 500 plus 503/504. */
function acceptedStatus(statuses: unknown): (status: number) => boolean {
  if (Array.isArray(statuses)) {
    const allowed = statuses.map(Number);
    return (status) => allowed.includes(status);
  }
  return (status) => (status > 0 && status < 500) || status === 503 || status === 504;
}

/** Nearest-rank percentile of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

function mockUrl(ctx: ProbeContext, name: string): string {
  const url = ctx.mocks[name] ?? (/^https?:\/\//.test(name) ? name : undefined);
  if (url === undefined) {
    throw new GauntletError(
      'GAUNTLET_E_CHAOS_EXPERIMENT',
      `Failed to read the journal of '${name}': because it is not a Gauntlet mock in this run (mocks: ${Object.keys(ctx.mocks).join(', ') || 'none'}).`,
      {
        hint: "List the service under the experiment's configuration gauntlet_mocks, or give the mock's URL.",
      },
    );
  }
  return url;
}

/** Sends `requests` requests and counts the calls the mock journaled meanwhile. */
async function countCalls(args: Args, ctx: ProbeContext, probe: string) {
  const admin = createAdminClient(mockUrl(ctx, String(args.mock)));
  const latest = await admin.journal({ limit: 1 });
  const since = latest.entries[0]?.seq ?? 0;
  const requests = num(args.requests, 1);
  const answers: ProbeAnswer[] = [];
  for (let i = 0; i < requests && !ctx.signal.aborted; i++) {
    answers.push(await sendProbeRequest(requestOf(args), ctx.signal, probe, ctx.sink));
  }
  const page = await admin.journal({
    since,
    ...(typeof args.calls_method === 'string' ? { method: args.calls_method } : {}),
    ...(typeof args.calls_path === 'string' ? { path: args.calls_path } : {}),
  });
  const calls = page.total;
  return {
    requests: answers.length,
    calls,
    per_request: answers.length === 0 ? 0 : calls / answers.length,
    statuses: answers.map((a) => a.status),
  };
}

/**
 * Gauntlet's probes, by function name. Each returns plain data for the journal; the resilience
 * probes return `{ held, ... }` with the figures that decided it.
 */
export const GAUNTLET_PROBES: Record<
  string,
  (args: Args, ctx: ProbeContext, probe: string) => Promise<unknown>
> = {
  journal: (args, ctx, probe) => countCalls(args, ctx, probe),

  async latency(args, ctx, probe) {
    const requests = num(args.requests, 20);
    const concurrency = Math.max(1, num(args.concurrency, 1));
    const times: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < requests && !ctx.signal.aborted) {
        next++;
        const answer = await sendProbeRequest(requestOf(args), ctx.signal, probe, ctx.sink);
        times.push(answer.status === 0 ? Number(args.timeout_ms ?? 10_000) : answer.ms);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return round(percentile(times, num(args.percentile, 99)));
  },

  async module(args, ctx) {
    const path = String(args.path);
    const file = isAbsolute(path) ? path : resolve(ctx.cwd, path);
    let loaded: Record<string, unknown>;
    try {
      loaded = await ctx.importModule(file);
    } catch (error) {
      throw new GauntletError(
        'GAUNTLET_E_CHAOS_EXPERIMENT',
        `Failed to import the module probe ${path}: because ${(error as Error).message}.`,
      );
    }
    const name = typeof args.export === 'string' ? args.export : 'default';
    const fn = loaded[name];
    if (typeof fn !== 'function') {
      throw new GauntletError(
        'GAUNTLET_E_CHAOS_EXPERIMENT',
        `Failed to run the module probe ${path}: because its export '${name}' is not a function.`,
      );
    }
    return await (fn as (a: unknown, c: { signal: AbortSignal }) => unknown)(args.arguments, {
      signal: ctx.signal,
    });
  },

  async timeout_budget(args, ctx, probe) {
    const budget = num(args.budget_ms, 0);
    const slack = num(args.slack_ms, 500);
    const limit = budget + slack;
    const requests = Math.max(1, num(args.requests, 1));
    const accepted = acceptedStatus(args.statuses);
    // Our own patience: a little past the limit, so a hang is seen as one and never waits long.
    const request: ProbeRequest = { ...requestOf(args), timeout_ms: limit + 1000 };
    const answers: ProbeAnswer[] = [];
    for (let i = 0; i < requests && !ctx.signal.aborted; i++) {
      answers.push(await sendProbeRequest(request, ctx.signal, probe, ctx.sink));
    }
    const late = answers.find((a) => a.status === 0 || a.ms > limit);
    const refused = answers.find((a) => !accepted(a.status));
    // The answer that decided: the first late one, else the first with a wrong status, else the slowest.
    const worst = late ?? refused ?? answers.reduce((a, b) => (b.ms > a.ms ? b : a), answers[0]!);
    return {
      held: answers.length === requests && late === undefined && refused === undefined,
      status: worst.status,
      elapsed_ms: round(worst.ms),
      limit_ms: limit,
      ...(requests > 1 ? { requests: answers.length, statuses: answers.map((a) => a.status) } : {}),
      ...(worst.error ? { error: worst.error } : {}),
      why: late
        ? `no answer within ${limit} ms (budget ${budget} + slack ${slack})`
        : refused
          ? `status ${refused.status} is not an accepted one`
          : requests > 1
            ? `all ${requests} answered within budget`
            : 'answered within budget',
    };
  },

  async retries_bounded(args, ctx, probe) {
    const counted = await countCalls(args, ctx, probe);
    const bound = num(args.max_calls_per_request, 1);
    const worst = counted.per_request;
    return { held: worst <= bound, bound, ...counted };
  },

  async breaker_opens(args, ctx, probe) {
    const failures = num(args.failures, 5);
    const extra = num(args.extra, 3);
    const fastMs = num(args.fast_ms, 250);
    const failed = (status: number) => status === 0 || status >= 500;
    const request = { ...requestOf(args), timeout_ms: num(args.timeout_ms, 10_000) };
    const first: ProbeAnswer[] = [];
    for (let i = 0; i < failures && !ctx.signal.aborted; i++) {
      first.push(await sendProbeRequest(request, ctx.signal, probe, ctx.sink));
    }
    const admin =
      typeof args.mock === 'string' ? createAdminClient(mockUrl(ctx, args.mock)) : undefined;
    const since = admin ? ((await admin.journal({ limit: 1 })).entries[0]?.seq ?? 0) : 0;
    const open: ProbeAnswer[] = [];
    for (let i = 0; i < extra && !ctx.signal.aborted; i++) {
      open.push(await sendProbeRequest(request, ctx.signal, probe, ctx.sink));
    }
    const callsWhileOpen = admin ? (await admin.journal({ since })).total : undefined;
    const slowest = Math.max(0, ...open.map((a) => a.ms));
    // The K calls that trip the breaker must fail (a 5xx or no answer): a success resets it.
    const tripped = first.length === failures && first.every((a) => failed(a.status));
    const allFailed = open.every((a) => failed(a.status) && a.status !== 0);
    const held =
      tripped &&
      open.length === extra &&
      allFailed &&
      slowest <= fastMs &&
      (callsWhileOpen ?? 0) === 0;
    return {
      held,
      first_statuses: first.map((a) => a.status),
      open_statuses: open.map((a) => a.status),
      open_slowest_ms: round(slowest),
      fast_ms: fastMs,
      ...(callsWhileOpen === undefined ? {} : { calls_while_open: callsWhileOpen }),
      why: !tripped
        ? `the first ${failures} calls did not all fail, so they could not trip the breaker`
        : !allFailed
          ? 'calls while the breaker should be open did not fail with a 5xx answer'
          : slowest > fastMs
            ? `calls while open took up to ${round(slowest)} ms (fast means ≤ ${fastMs} ms)`
            : (callsWhileOpen ?? 0) > 0
              ? `${callsWhileOpen} upstream calls while the breaker should be open`
              : 'the breaker opened: fast failures, no upstream calls',
    };
  },

  async recovery_time(args, ctx, probe) {
    const within = num(args.within_ms, 5000);
    const interval = num(args.interval_ms, 100);
    const ok = acceptedStatus(
      args.statuses ?? [200, 201, 202, 204, 400, 401, 402, 403, 404, 409, 422],
    );
    const start = performance.now();
    let last: ProbeAnswer | undefined;
    let attempts = 0;
    while (performance.now() - start <= within && !ctx.signal.aborted) {
      attempts++;
      last = await sendProbeRequest(
        { ...requestOf(args), timeout_ms: Math.max(100, within - (performance.now() - start)) },
        ctx.signal,
        probe,
        ctx.sink,
      );
      if (ok(last.status)) {
        return {
          held: true,
          recovery_ms: round(performance.now() - start),
          attempts,
          status: last.status,
        };
      }
      await ctx.sleep(interval, ctx.signal);
    }
    return {
      held: false,
      recovery_ms: round(performance.now() - start),
      attempts,
      status: last?.status ?? 0,
      ...(last?.error ? { error: last.error } : {}),
      why: `not recovered within ${within} ms (last status ${last?.status ?? 'none'})`,
    };
  },

  async fallback_schema(args, ctx, probe) {
    const answer = await sendProbeRequest(requestOf(args), ctx.signal, probe, ctx.sink);
    const statusOk =
      !Array.isArray(args.statuses) || args.statuses.map(Number).includes(answer.status);
    const issues = createSchemaCompiler({}).compile(args.schema as JsonSchema)(answer.body);
    return {
      held: statusOk && answer.status !== 0 && issues.length === 0,
      status: answer.status,
      issues: issues.map((i) => `${i.path || '/'} ${i.message}`),
    };
  },
};
