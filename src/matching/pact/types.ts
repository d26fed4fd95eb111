import type { MatchingRules } from '../../model/pact.js';

/** Which part of a request, response or message a mismatch is about. */
export type MismatchKind = 'method' | 'path' | 'query' | 'header' | 'body' | 'status' | 'metadata';

/**
 * One difference between what a pact expects and what was received. Mismatches are data: a
 * matcher collects all of them rather than stopping at the first.
 */
export interface Mismatch {
  /** Where: `$.animals.0.name` in a body, the header or query name, `$` for path/status. */
  path: string;
  expected: unknown;
  actual: unknown;
  /** Human sentence, e.g. `Expected 'Fred' to match '\d+'`. */
  message: string;
  kind?: MismatchKind;
}

export interface MatchOptions {
  /**
   * The pact spec version as a number (1, 1.1, 2, 3, 4). It only changes a few V1 defaults;
   * rules decide everything else.
   */
  version?: number;
}

export type { MatchingRules };
