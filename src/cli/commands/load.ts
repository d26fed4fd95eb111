import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import {
  type Baseline,
  baselineEntry,
  compareWithBaseline,
  createRunContext,
  findSuites,
  GauntletError,
  isBaseline,
  type LoadEngine,
  type LoadedSuite,
  type LoadProgress,
  type LoadSuite,
  type LoadSummary,
  loadChecks,
  loadConfig,
  loadSuiteFile,
  onInterruptTwice,
  parseDuration,
  renderSummaryText,
  runSuite,
  stageResult,
  thresholdsPassed,
  validateSuite,
  writeAtomic,
  writeLoadReports,
} from '../../index.js';
import type { CommandContext } from '../command.js';
import { colourEnabled, palette } from '../terminal.js';

export const LOAD_USAGE =
  'gauntlet load [SUITE|DIR...] [--target URL] [--engine builtin|vegeta] [--baseline FILE] [--tolerance PCT] [--report-dir DIR] [--workers N|auto] [--json] | gauntlet load URL --rate N --duration 10s [--method M] [--header "N: v"]... [--body FILE] [--max-vus N]';

/** k6's exit code when a threshold failed. */
export const THRESHOLDS_FAILED_EXIT = 99;

function flagString(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}

function flagList(ctx: CommandContext, name: string): string[] {
  const v = ctx.values[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

function usage(message: string): GauntletError {
  return new GauntletError(
    'GAUNTLET_E_USAGE',
    `Failed to read the command line: because ${message}.`,
    {
      hint: `Usage: ${LOAD_USAGE}`,
    },
  );
}

/** A positive number flag; `fallback` is for a default worked out at run time (the table has none). */
function positiveNumber(ctx: CommandContext, name: string, fallback?: number): number {
  const text = flagString(ctx, name);
  if (text === undefined) {
    if (fallback === undefined) throw usage(`--${name} is missing`);
    return fallback;
  }
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0)
    throw usage(`--${name} must be a positive number, not "${text}"`);
  return n;
}

/** The quick mode's suite: one constant-arrival-rate scenario of one request to `url`. */
async function quickSuite(ctx: CommandContext, url: string): Promise<LoadedSuite> {
  const rate = positiveNumber(ctx, 'rate');
  const durationText = String(ctx.values.duration);
  if (parseDuration(durationText) === undefined)
    throw usage(`--duration "${durationText}" is not a duration like 10s`);
  const headers: Record<string, string> = {};
  for (const h of flagList(ctx, 'header')) {
    const colon = h.indexOf(':');
    if (colon <= 0) throw usage(`--header "${h}" is not "Name: value"`);
    headers[h.slice(0, colon).trim()] = h.slice(colon + 1).trim();
  }
  const bodyFile = flagString(ctx, 'body');
  let body: string | undefined;
  if (bodyFile !== undefined) {
    try {
      body = await readFile(resolve(ctx.cwd, bodyFile), 'utf8');
    } catch {
      throw new GauntletError(
        'GAUNTLET_E_FILE_NOT_FOUND',
        `Failed to read --body ${bodyFile}: no such file.`,
      );
    }
  }
  const maxVUs = Math.round(positiveNumber(ctx, 'max-vus', Math.min(1000, Math.max(50, rate))));
  const method = (flagString(ctx, 'method') ?? (body === undefined ? 'GET' : 'POST')).toUpperCase();
  const suite: LoadSuite = {
    name: `${method} ${url}`,
    scenarios: {
      quick: {
        executor: 'constant-arrival-rate',
        rate,
        duration: durationText,
        preAllocatedVUs: Math.min(maxVUs, Math.max(10, Math.ceil(rate / 20))),
        maxVUs,
        gracefulStop: '2s',
        requests: [
          {
            method,
            path: url,
            headers,
            ...(body === undefined ? {} : { body }),
            name: `${method} ${new URL(url).pathname}`,
          },
        ],
      },
    },
  };
  const { problems, thresholds } = validateSuite(suite);
  if (problems.length > 0) throw usage(problems.map((p) => p.message).join('; '));
  return { file: url, source: '', suite, thresholds };
}

function progressLine(p: LoadProgress): string {
  const pct = p.totalMs > 0 ? Math.min(100, Math.round((p.elapsedMs / p.totalMs) * 100)) : 0;
  return `  ${(p.elapsedMs / 1000).toFixed(0)}s/${(p.totalMs / 1000).toFixed(0)}s ${pct}%  ${p.rate} req/s  p50 ${p.p50.toFixed(1)} ms  p99 ${p.p99.toFixed(1)} ms  errors ${p.failed}  VUs ${p.vus}  dropped ${p.dropped}`;
}

/**
 * `gauntlet load`: runs load suites (default every `perf/*.load.ts`) against the system from
 * gauntlet.config.ts (or --target), or one URL in quick mode; prints k6's end-of-test summary
 * (or with --json one document of k6's handleSummary data, or `{ suites: [...] }` for several),
 * writes reports/load/, and exits 99 when a threshold failed (as k6), 1 on a baseline regression.
 */
export default async function load(ctx: CommandContext): Promise<number> {
  const json = ctx.values.json === true;
  const engineFlag = String(ctx.values.engine);
  if (engineFlag !== 'builtin' && engineFlag !== 'vegeta')
    throw usage(`--engine "${engineFlag}" is not builtin or vegeta`);
  const engine = engineFlag as LoadEngine;
  const tolerance = positiveNumber(ctx, 'tolerance');
  const workersFlag = flagString(ctx, 'workers');
  const workers =
    workersFlag === undefined || workersFlag === 'auto'
      ? ('auto' as const)
      : positiveNumber(ctx, 'workers', 1);
  if (workers !== 'auto' && !Number.isInteger(workers))
    throw usage(`--workers must be a whole number or auto, not "${workersFlag}"`);
  const config = await loadConfig(ctx.cwd);
  const root = config.file ? dirname(config.file) : ctx.cwd;
  const quickUrl = ctx.positionals.find((p) => /^https?:\/\//i.test(p));
  const target = flagString(ctx, 'target');
  if (target !== undefined && !/^https?:\/\//i.test(target))
    throw usage(`--target "${target}" is not an http(s) URL`);
  let suites: LoadedSuite[];
  if (quickUrl !== undefined) {
    if (ctx.positionals.length > 1) throw usage('quick mode takes one URL and no suite files');
    suites = [await quickSuite(ctx, quickUrl)];
  } else {
    for (const flag of ['rate', 'duration', 'method', 'header', 'body', 'max-vus']) {
      if (ctx.given.has(flag))
        throw usage(`--${flag} is for quick mode (gauntlet load URL --${flag} ...)`);
    }
    const paths = ctx.positionals.length > 0 ? ctx.positionals : ['perf'];
    const files = await findSuites(paths, ctx.cwd);
    if (files.length === 0) {
      throw new GauntletError(
        'GAUNTLET_E_FILE_NOT_FOUND',
        `Failed to find load suites: because ${paths.join(', ')} holds no *.load.ts file.`,
        {
          hint: 'Write one with defineLoad({...}) (see the README section "Load suites"), or run quick mode: gauntlet load URL --rate 100.',
        },
      );
    }
    suites = [];
    // Every suite is validated before any runs: a typo in the third must not cost the first two.
    for (const file of files) suites.push(await loadSuiteFile(file, ctx.cwd));
  }
  const reportDir = resolve(
    ctx.cwd,
    flagString(ctx, 'report-dir') ?? join(root, 'reports', 'load'),
  );
  const paint = palette(!json && colourEnabled(ctx.env, process.stdout.isTTY === true));
  const say = json ? ctx.stderr : ctx.stdout;
  const tty = process.stderr.isTTY === true;
  const { ctx: runCtx, cleanupAll } = createRunContext({
    cwd: root,
    config,
    env: ctx.env,
    log: (line) => say(`${paint.dim(line)}\n`),
  });
  const controller = new AbortController();
  const disposeInterrupt = onInterruptTwice(() => {
    ctx.stderr(
      '\n[gauntlet] interrupted: ending the run and writing its report (Ctrl-C again to stop now)\n',
    );
    controller.abort();
  }, cleanupAll);
  const summaries: LoadSummary[] = [];
  let regressions = 0;
  try {
    for (const loaded of suites) {
      let lastPlain = 0;
      const started = performance.now();
      const summary = await runSuite({
        loaded,
        cwd: root,
        config,
        env: ctx.env,
        load: runCtx.load,
        ...((target ?? quickUrl) ? { target: target ?? new URL(quickUrl!).origin } : {}),
        engine,
        workers,
        log: runCtx.log,
        defer: runCtx.defer,
        signal: controller.signal,
        isStdOutTTY: process.stdout.isTTY === true,
        isStdErrTTY: tty,
        onProgress: (p) => {
          if (tty) ctx.stderr(`\r\x1b[2K${progressLine(p)}`);
          else if (p.elapsedMs - lastPlain >= 2000) {
            lastPlain = p.elapsedMs;
            say(`${progressLine(p)}\n`);
          }
        },
      });
      if (tty) ctx.stderr('\r\x1b[2K');
      summaries.push(summary);
      const stage = stageResult(
        { name: 'load', title: summary.gauntlet.suite },
        loadChecks(summary),
        started,
      );
      const written = await writeLoadReports(summary, stage, reportDir);
      if (!json) {
        say(
          `\n${paint.bold(`█ ${summary.gauntlet.suite}`)}  (${summary.gauntlet.engine} engine → ${summary.gauntlet.target})\n\n`,
        );
        say(renderSummaryText(summary));
        const ok = thresholdsPassed(summary);
        say(
          `\n  ${ok ? paint.green('thresholds passed') : paint.red(`thresholds failed: ${summary.gauntlet.failedThresholds.join(', ')}`)}\n`,
        );
        say(`  report: ${written.html}\n`);
      }
      if (controller.signal.aborted) break;
    }
    const baselineFile = flagString(ctx, 'baseline');
    if (baselineFile !== undefined)
      regressions = await baseline(ctx, resolve(ctx.cwd, baselineFile), summaries, tolerance, say);
  } finally {
    disposeInterrupt();
    await cleanupAll();
  }
  if (json) {
    const doc = summaries.length === 1 ? summaries[0] : { suites: summaries };
    ctx.stdout(`${JSON.stringify(doc, null, 2)}\n`);
  }
  if (controller.signal.aborted) return 130;
  if (summaries.some((s) => !thresholdsPassed(s) || s.gauntlet.aborted))
    return THRESHOLDS_FAILED_EXIT;
  return regressions > 0 ? 1 : 0;
}

/** Saves the baseline when the file does not exist, else compares with it; returns the regressions. */
async function baseline(
  ctx: CommandContext,
  file: string,
  summaries: readonly LoadSummary[],
  tolerance: number,
  say: (text: string) => void,
): Promise<number> {
  if (!existsSync(file)) {
    const saved: Baseline = {
      gauntletLoadBaseline: 1,
      suites: Object.fromEntries(summaries.map((s) => [s.gauntlet.suite, baselineEntry(s)])),
    };
    await writeAtomic(file, `${JSON.stringify(saved, null, 2)}\n`).catch((error: unknown) => {
      throw new GauntletError(
        'GAUNTLET_E_LOAD_BASELINE',
        `Failed to write the baseline ${file}: ${String(error)}`,
      );
    });
    say(`baseline saved: ${file}\n`);
    return 0;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    parsed = undefined;
  }
  if (!isBaseline(parsed)) {
    throw new GauntletError(
      'GAUNTLET_E_LOAD_BASELINE',
      `Failed to read the baseline ${file}: because it is not a baseline gauntlet load saved.`,
      {
        hint: 'Delete it and run again with --baseline to save a new one.',
      },
    );
  }
  let count = 0;
  for (const s of summaries) {
    const before = parsed.suites[s.gauntlet.suite];
    if (!before) {
      say(`baseline: ${s.gauntlet.suite} is not in ${file} (nothing to compare)\n`);
      continue;
    }
    const found = compareWithBaseline(baselineEntry(s), before, tolerance);
    count += found.length;
    say(
      found.length === 0
        ? `baseline: ${s.gauntlet.suite} within ${tolerance}% of ${file}\n`
        : `baseline: ${s.gauntlet.suite} regressed: ${found.join('; ')}\n`,
    );
  }
  void ctx;
  return count;
}
