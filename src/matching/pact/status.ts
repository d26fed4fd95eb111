/**
 * Response status matching: equality, or a `statusCode` rule naming a class
 * (`information`, `success`, `redirect`, `clientError`, `serverError`, `nonError`, `error`)
 * or a list of accepted codes.
 */
import type { RuleList } from '../../model/pact.js';
import { matchRuleList } from './match-value.js';
import type { Mismatch } from './types.js';

const CLASSES: Record<string, (status: number) => boolean> = {
  information: (s) => s >= 100 && s < 200,
  success: (s) => s >= 200 && s < 300,
  redirect: (s) => s >= 300 && s < 400,
  clientError: (s) => s >= 400 && s < 500,
  serverError: (s) => s >= 500 && s < 600,
  nonError: (s) => s < 400,
  error: (s) => s >= 400,
};

/** Checks a status against a `statusCode` rule's `status`; undefined when it fits. */
export function matchStatusCode(status: number, accepted: unknown): string | undefined {
  if (Array.isArray(accepted)) {
    return accepted.some((s) => Number(s) === status)
      ? undefined
      : `Expected status ${status} to be one of ${accepted.join(', ')}`;
  }
  const check = typeof accepted === 'string' ? CLASSES[accepted] : undefined;
  if (!check) return `Unknown status code class '${String(accepted)}'`;
  return check(status) ? undefined : `Expected status ${status} to be a ${String(accepted)} status`;
}

/**
 * Compares a response status.
 *
 * @example
 * matchStatus(200, 204, { combine: 'AND', matchers: [{ match: 'statusCode', status: 'success' }] }) // → []
 */
export function matchStatus(
  expected: number,
  actual: number,
  rules: RuleList | undefined,
): Mismatch[] {
  const mismatch = (message: string): Mismatch => ({
    path: '$',
    expected,
    actual,
    message,
    kind: 'status',
  });
  if (!rules)
    return expected === actual
      ? []
      : [mismatch(`Expected status ${expected} but received ${actual}`)];
  const failures: string[] = [];
  for (const rule of rules.matchers) {
    const failure =
      rule.match === 'statusCode'
        ? matchStatusCode(actual, (rule as { status?: unknown }).status)
        : matchRuleList(expected, actual, { combine: 'AND', matchers: [rule] })[0];
    if (failure === undefined && rules.combine === 'OR') return [];
    if (failure !== undefined) failures.push(failure);
  }
  return failures.map(mismatch);
}
