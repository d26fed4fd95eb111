/** What installing one tool did: read by setup's report and written by each installer (Go, Maven). */

export type ToolInstallStatus = 'installed' | 'already-installed' | 'overridden' | 'failed';

/** Why one tool failed to install: the command and what it printed, verbatim. */
export interface ToolInstallFailure {
  code: 'GAUNTLET_E_TOOL_INSTALL';
  /** One line: "Failed to install X: because Y. Do Z." */
  message: string;
  /** The exact command and its exact output, indented for the terminal (first line unindented). */
  details: string;
  /** The cause in one line (the "because" part of the message). */
  because: string;
  command: string;
  output: string;
  /** True when the Go module proxy answered with a refusal (4xx) for the module. */
  proxyRefused: boolean;
}

/** What installing one tool came to: installed, already there, or failed (and why). */
export interface ToolInstallOutcome {
  name: string;
  binary: string;
  version: string;
  status: ToolInstallStatus;
  /** Why setup did what it did (`not installed`, `version changed from …`, `uses $GAUNTLET_X`). */
  reason: string;
  /** Where the binary is now (absent after a failure). */
  path?: string;
  /** Time spent installing (installs and failures only). */
  durationMs?: number;
  error?: ToolInstallFailure;
}
