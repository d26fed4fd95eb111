/** What a run reports: checks, stage results and the whole run (summary.json), as plain data. */

export type CheckStatus = 'passed' | 'failed' | 'skipped';

/** One thing a stage checked: a contract linted, an operation exercised, a scenario step. */
export interface Check {
  name: string;
  status: CheckStatus;
  /** One line for people: why it failed or was skipped, or what was seen. */
  message?: string;
  /** Anything serialisable that helps explain the result (diagnostics, the response). */
  details?: unknown;
  durationMs?: number;
}

/** What a stage reports: the runner prints it and the report writers turn it into sections. */
export interface StageResult {
  name: string;
  title: string;
  status: CheckStatus;
  durationMs: number;
  /** One line, e.g. `9 contracts, 0 errors, 2 warnings`. */
  summary: string;
  checks: Check[];
}

/** The whole run, as written to summary.json. */
export interface RunSummary {
  status: 'passed' | 'failed';
  startedAt: string;
  durationMs: number;
  stages: StageResult[];
}
