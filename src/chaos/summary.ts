import type { Check, StageResult } from '../report/types.js';
import { type ChaosJournal, displayStatus, type ExperimentStatus } from './journal.js';

/** One experiment in `gauntlet chaos --json` and reports/chaos/summary.json. */
export interface ExperimentSummary {
  title: string;
  file: string;
  status: ExperimentStatus;
  deviated: boolean;
  /** The journal's own status (Chaos Toolkit's: completed, failed, aborted, interrupted). */
  journal_status: ChaosJournal['status'];
  deviated_probes: string[];
  reason?: string;
  leftover_toxics: string[];
  duration_s: number;
  /** Where its journal JSON was written. */
  journal?: string;
}

/** What passed means for an experiment: completed without deviation. */
export function experimentPassed(journal: ChaosJournal): boolean {
  return journal.status === 'completed' && !journal.deviated;
}

/**
 * The one-line-per-experiment view of the journals, in order.
 *
 * @example
 * summarizeExperiments(journals)[0]; // { title: 'slow inventory', status: 'completed', deviated: false, ... }
 */
export function summarizeExperiments(journals: readonly ChaosJournal[]): ExperimentSummary[] {
  return journals.map((j) => ({
    title: j.experiment.title,
    file: j.file,
    status: displayStatus(j),
    deviated: j.deviated,
    journal_status: j.status,
    deviated_probes: j.gauntlet.deviated_probes,
    ...(j.gauntlet.reason === undefined ? {} : { reason: j.gauntlet.reason }),
    leftover_toxics: j.gauntlet.leftover_toxics,
    duration_s: Math.round(j.duration * 100) / 100,
  }));
}

/** Why an experiment did not pass, in one line. */
export function experimentVerdict(journal: ChaosJournal): string {
  if (journal.deviated) {
    return `deviated: probe ${journal.gauntlet.deviated_probes.map((p) => `'${p}'`).join(', ')} out of tolerance`;
  }
  if (journal.status === 'completed') return 'completed, steady state held';
  return `${journal.status}: ${journal.gauntlet.reason ?? 'see the journal'}`;
}

/**
 * The chaos results as a stage of `gauntlet run` (one check per experiment), so the run report,
 * JUnit and the summary show them like every other stage.
 */
export function chaosStageResult(
  journals: readonly ChaosJournal[],
  durationMs: number,
): StageResult {
  const checks: Check[] = journals.map((j) => ({
    name: `${j.experiment.title} (${j.file})`,
    status: experimentPassed(j) ? 'passed' : 'failed',
    message: experimentVerdict(j),
    durationMs: Math.round(j.duration * 1000),
    details: { status: displayStatus(j), deviated_probes: j.gauntlet.deviated_probes },
  }));
  const failed = checks.filter((c) => c.status === 'failed').length;
  return {
    name: 'chaos',
    title: 'Chaos experiments',
    status: failed > 0 ? 'failed' : checks.length === 0 ? 'skipped' : 'passed',
    durationMs,
    summary: `${checks.length} experiments, ${failed} deviated or failed`,
    checks,
  };
}
