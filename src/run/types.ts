import type { GauntletConfig } from '../config.js';
import type { LoadedSource } from '../model/index.js';
import type { StageResult } from '../report/types.js';

export type { Check, CheckStatus, RunSummary, StageResult } from '../report/types.js';

/**
 * What every stage gets. Stages share loaded contracts through `load` (each path is loaded once
 * per run) and register their processes and servers with `defer` so that an interrupted run
 * still stops them.
 */
export interface RunContext {
  /** The folder of the config file; every relative path is resolved against it. */
  cwd: string;
  config: GauntletConfig;
  /** The environment services inherit (PATH, NODE_OPTIONS...). */
  env: Record<string, string | undefined>;
  /** Loads contract files or folders, each path once per run. */
  load(paths: readonly string[]): Promise<LoadedSource[]>;
  /** Progress for people (one line each); stages print what they start and finish. */
  log(line: string): void;
  /** Registers a cleanup that runs when the run is interrupted; returns a function to drop it. */
  defer(cleanup: () => Promise<void>): () => void;
  /** The results of the stages that ran before this one, in order. */
  previous: readonly StageResult[];
}

/**
 * One step of `gauntlet run`. A stage must not throw for an expected failure: it reports failed
 * checks. A throw is caught by the runner and reported as a failed stage with the message.
 */
export interface Stage {
  /** Short id: used in `--stage`, summary.json and the report's anchors. */
  name: string;
  title: string;
  run(ctx: RunContext): Promise<StageResult>;
}
