import { isRecord } from '../../util/guards.js';
import { type DelaySpec, FAULT_KINDS, type FaultKind, type FaultSpec } from './types.js';

/** A problem found reading user data: where (JSON pointer) and what. */
export interface ReadIssue {
  pointer: string;
  message: string;
}

function nonNegative(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/**
 * Reads a fault from user data (YAML/JSON or a TS object): either a kind name
 * (`connection-reset`) or an object `{kind, ...options}`. Returns the fault, or issues.
 *
 * @example
 * readFaultSpec({ kind: 'chunked-drip', chunks: 4, durationMs: 200 }, '/fault');
 */
export function readFaultSpec(
  value: unknown,
  pointer: string,
): { fault?: FaultSpec; issues: ReadIssue[] } {
  const raw = typeof value === 'string' ? { kind: value } : value;
  if (!isRecord(raw) || typeof raw.kind !== 'string') {
    return {
      issues: [{ pointer, message: `a fault is a kind name or {kind, ...}: one of ${kinds()}` }],
    };
  }
  const kind = raw.kind;
  if (!(FAULT_KINDS as readonly string[]).includes(kind)) {
    return {
      issues: [
        {
          pointer: `${pointer}/kind`,
          message: `unknown fault kind '${kind}': use one of ${kinds()}`,
        },
      ],
    };
  }
  switch (kind as FaultKind) {
    case 'connection-reset':
    case 'empty-reply':
    case 'malformed-response':
      return { fault: { kind } as FaultSpec, issues: [] };
    case 'truncated-body': {
      if (raw.sendBytes === undefined) return { fault: { kind: 'truncated-body' }, issues: [] };
      if (!nonNegative(raw.sendBytes) || !Number.isInteger(raw.sendBytes)) {
        return {
          issues: [
            { pointer: `${pointer}/sendBytes`, message: 'sendBytes must be an integer ≥ 0' },
          ],
        };
      }
      return { fault: { kind: 'truncated-body', sendBytes: raw.sendBytes }, issues: [] };
    }
    case 'chunked-drip': {
      const issues: ReadIssue[] = [];
      const chunks = raw.chunks ?? 4;
      const durationMs = raw.durationMs ?? 1000;
      if (typeof chunks !== 'number' || !Number.isInteger(chunks) || chunks < 1) {
        issues.push({ pointer: `${pointer}/chunks`, message: 'chunks must be an integer ≥ 1' });
      }
      if (!nonNegative(durationMs)) {
        issues.push({
          pointer: `${pointer}/durationMs`,
          message: 'durationMs must be a number ≥ 0',
        });
      }
      if (issues.length > 0) return { issues };
      return {
        fault: { kind: 'chunked-drip', chunks: chunks as number, durationMs: durationMs as number },
        issues,
      };
    }
  }
}

function kinds(): string {
  return FAULT_KINDS.join(', ');
}

/**
 * Reads a delay: a number of milliseconds, `{kind: 'fixed', ms}` or
 * `{kind: 'log-normal', median, sigma, min?, max?}`.
 *
 * @example
 * readDelaySpec({ kind: 'log-normal', median: 80, sigma: 0.4 }, '/delay');
 */
export function readDelaySpec(
  value: unknown,
  pointer: string,
): { delay?: DelaySpec; issues: ReadIssue[] } {
  if (typeof value === 'number') {
    return nonNegative(value)
      ? { delay: value, issues: [] }
      : { issues: [{ pointer, message: 'a delay in milliseconds must be a number ≥ 0' }] };
  }
  if (!isRecord(value)) {
    return {
      issues: [
        {
          pointer,
          message:
            'a delay is milliseconds, {kind: fixed, ms} or {kind: log-normal, median, sigma}',
        },
      ],
    };
  }
  if (value.kind === 'fixed') {
    return nonNegative(value.ms)
      ? { delay: { kind: 'fixed', ms: value.ms }, issues: [] }
      : { issues: [{ pointer: `${pointer}/ms`, message: 'ms must be a number ≥ 0' }] };
  }
  if (value.kind === 'log-normal') {
    const issues: ReadIssue[] = [];
    for (const key of ['median', 'sigma'] as const) {
      if (!nonNegative(value[key]))
        issues.push({ pointer: `${pointer}/${key}`, message: `${key} must be a number ≥ 0` });
    }
    for (const key of ['min', 'max'] as const) {
      if (value[key] !== undefined && !nonNegative(value[key])) {
        issues.push({ pointer: `${pointer}/${key}`, message: `${key} must be a number ≥ 0` });
      }
    }
    if (issues.length > 0) return { issues };
    const delay: DelaySpec = {
      kind: 'log-normal',
      median: value.median as number,
      sigma: value.sigma as number,
      ...(value.min === undefined ? {} : { min: value.min as number }),
      ...(value.max === undefined ? {} : { max: value.max as number }),
    };
    return { delay, issues };
  }
  return {
    issues: [
      {
        pointer: `${pointer}/kind`,
        message: `unknown delay kind '${String(value.kind)}': use fixed or log-normal`,
      },
    ],
  };
}
