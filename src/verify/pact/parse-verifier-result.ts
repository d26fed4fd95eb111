import type { Diagnostic } from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import type { InteractionResult, PactMismatch, VerificationReport } from './types.js';

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape codes start with ESC.
const ANSI = /\x1b\[[0-9;]*[mGK]/g;

/** Removes terminal colour codes from the core's printout. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** `Verifying a pact between gateway and orders Given x - a request` → consumer, provider, description. */
const INTERACTION_LABEL = /^Verifying a pact between (.+?) and (.+?)(?: Given .*)? - (.+)$/s;
const PACT_HEADER = /^\s*Verifying a pact between (.+?) and (.+?)(?:\s+\[.*\])?\s*$/;

/** Parses the core's duration text (`148ms`, `1s 20ms`, `2s`) into milliseconds. */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  let total = 0;
  let found = false;
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m)\b/g)) {
    const n = Number(match[1]);
    total += match[2] === 'ms' ? n : match[2] === 's' ? n * 1000 : n * 60_000;
    found = true;
  }
  return found ? Math.round(total) : undefined;
}

function toMismatch(raw: unknown): PactMismatch {
  if (!isRecord(raw)) return { type: 'Error', message: String(raw) };
  const type = typeof raw.type === 'string' ? raw.type : 'Error';
  const message =
    typeof raw.mismatch === 'string'
      ? raw.mismatch
      : typeof raw.message === 'string'
        ? raw.message
        : JSON.stringify(raw);
  const out: PactMismatch = {
    type: type === 'error' ? 'Error' : type,
    message: stripAnsi(message),
  };
  const path =
    typeof raw.path === 'string' ? raw.path : typeof raw.key === 'string' ? raw.key : undefined;
  if (path !== undefined) out.path = path;
  if ('expected' in raw) out.expected = raw.expected;
  if ('actual' in raw) out.actual = raw.actual;
  return out;
}

interface ParsedError {
  consumer: string | undefined;
  description: string;
  mismatches: PactMismatch[];
}

function parseErrors(list: unknown): ParsedError[] {
  return asArray(list).flatMap((entry): ParsedError[] => {
    if (!isRecord(entry) || typeof entry.interaction !== 'string') return [];
    const label = INTERACTION_LABEL.exec(entry.interaction);
    const mismatch = entry.mismatch;
    let mismatches: PactMismatch[] = [];
    if (isRecord(mismatch) && Array.isArray(mismatch.mismatches)) {
      mismatches = mismatch.mismatches.map(toMismatch);
    } else if (mismatch !== undefined) {
      mismatches = [toMismatch(mismatch)];
    }
    return [
      {
        consumer: label?.[1],
        description: label?.[3] ?? entry.interaction,
        mismatches,
      },
    ];
  });
}

/** Finds, in the printout, which pact (consumer) each interaction line belongs to, in order. */
function consumersInOrder(output: string[], descriptions: string[]): Array<string | undefined> {
  const out: Array<string | undefined> = [];
  let consumer: string | undefined;
  let line = 0;
  for (const description of descriptions) {
    let found: string | undefined;
    while (line < output.length) {
      const text = output[line] ?? '';
      line++;
      const header = PACT_HEADER.exec(text);
      if (header) {
        consumer = header[1];
        continue;
      }
      if (text.startsWith(`  ${description}`)) {
        found = consumer;
        break;
      }
    }
    out.push(found);
  }
  return out;
}

export interface ParseOptions {
  provider: string;
  durationMs: number;
  /** Consumer by interaction description, from the pact files when they are known. */
  consumerOf?: (description: string) => string | undefined;
}

/**
 * Turns the Pact core's JSON verification result (`pactffi_verifier_json`, which pact-js hands
 * back from `verifyProvider()` or as the message of its rejection) into a VerificationReport.
 * Unknown fields are ignored; a result that is not JSON becomes one `verify.pact.core-error`
 * diagnostic.
 *
 * @example
 * const report = parseVerifierResult(json, { provider: 'inventory', durationMs: 120 });
 * report.interactions[0]; // { consumer: 'orders', description: '...', status: 'passed', mismatches: [] }
 */
export function parseVerifierResult(text: string, options: ParseOptions): VerificationReport {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  if (!isRecord(raw)) {
    return {
      provider: options.provider,
      interactions: [],
      passed: false,
      diagnostics: [
        {
          code: 'verify.pact.core-error',
          severity: 'error',
          message: `Failed to verify ${options.provider}: because the Pact core stopped: ${text.split('\n')[0]}. Check the pact sources and the provider URL.`,
        },
      ],
      notices: [],
      output: [],
      durationMs: options.durationMs,
    };
  }
  const output = asArray(raw.output).flatMap((line) =>
    typeof line === 'string' ? stripAnsi(line).split('\n') : [],
  );
  const errors = parseErrors(raw.errors);
  const pending = parseErrors(raw.pendingErrors);
  const results = asArray(raw.interactionResults).filter(isRecord);
  const descriptions = results.map((r) => (typeof r.description === 'string' ? r.description : ''));
  const consumers = consumersInOrder(output, descriptions);

  const take = (list: ParsedError[], description: string, consumer: string | undefined) => {
    const index = list.findIndex(
      (e) =>
        e.description === description &&
        (consumer === undefined || e.consumer === undefined || e.consumer === consumer),
    );
    if (index < 0) return undefined;
    const [found] = list.splice(index, 1);
    return found;
  };

  const interactions: InteractionResult[] = results.map((result, i) => {
    const description = descriptions[i] ?? '';
    let consumer = consumers[i] ?? options.consumerOf?.(description);
    const pendingError = take(pending, description, consumer);
    const error = pendingError ? undefined : take(errors, description, consumer);
    consumer ??= pendingError?.consumer ?? error?.consumer ?? 'unknown';
    const ok = result.result === 'OK' || result.result === 'Ok';
    const status = pendingError ? 'pending' : ok && !error ? 'passed' : 'failed';
    const entry: InteractionResult = {
      consumer,
      description,
      status,
      mismatches: pendingError?.mismatches ?? error?.mismatches ?? [],
    };
    if (status === 'failed' && entry.mismatches.length === 0) {
      entry.mismatches = [
        { type: 'Error', message: `The core reported ${String(result.result)}.` },
      ];
    }
    const duration = parseDuration(result.duration);
    if (duration !== undefined) entry.durationMs = duration;
    return entry;
  });

  const diagnostics: Diagnostic[] = [];
  // Errors that match no interaction (e.g. a pact that failed to load) still fail the run.
  for (const leftover of [...errors]) {
    diagnostics.push({
      code: 'verify.pact.core-error',
      severity: 'error',
      message: `Failed to verify ${leftover.description}: because ${leftover.mismatches.map((m) => m.message).join('; ') || 'the Pact core reported an error'}.`,
    });
  }
  const notices = asArray(raw.notices).flatMap((n) =>
    isRecord(n) && typeof n.text === 'string' ? [n.text] : typeof n === 'string' ? [n] : [],
  );
  const failed = interactions.some((i) => i.status === 'failed');
  if (raw.result === false && !failed && diagnostics.length === 0) {
    diagnostics.push({
      code: 'verify.pact.core-error',
      severity: 'error',
      message: `Failed to verify ${options.provider}: because the Pact core reported a failure outside any interaction. Read its output above (or run with --log-level debug).`,
    });
  }
  return {
    provider: options.provider,
    interactions,
    passed: !failed && !diagnostics.some((d) => d.severity === 'error'),
    diagnostics,
    notices,
    output,
    durationMs: options.durationMs,
  };
}
