import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { GauntletError } from '../../errors.js';
import { findOnPath, isExecutableFile } from './find-on-path.js';
import { readGoBuildInfo } from './go-build-info.js';
import { decideInstall } from './install-decision.js';
import { readManifest, writeManifest } from './manifest.js';
import { projectBinDir, projectTmpDir } from './project-bin.js';
import { runProcess } from './run-process.js';
import { TOOLS, type ToolSpec } from './tools.js';

/**
 * `unavailable`: an optional tool whose install failed before at the same pin; not retried
 * unless named with `--only` or `--force` is given.
 */
export type ToolInstallStatus =
  | 'installed'
  | 'already-installed'
  | 'overridden'
  | 'unavailable'
  | 'failed';

/** Why one tool failed to install: the command and what go printed, verbatim. */
export interface ToolInstallFailure {
  /** GAUNTLET_E_GO_MISSING only for an optional tool skipped for want of Go. */
  code: 'GAUNTLET_E_TOOL_INSTALL' | 'GAUNTLET_E_GO_MISSING';
  /** One line: "Failed to install X: because Y. Do Z." */
  message: string;
  /** The exact command and go's exact output, indented for the terminal (first line unindented). */
  details: string;
  /** The cause in one line (the "because" part of the message). */
  because: string;
  command: string;
  output: string;
  /** True when the Go module proxy answered with a refusal (4xx) for the module. */
  proxyRefused: boolean;
}

export interface ToolInstallOutcome {
  name: string;
  binary: string;
  version: string;
  status: ToolInstallStatus;
  /** Why setup did what it did (`not installed`, `version changed from …`, `uses $GAUNTLET_X`). */
  reason: string;
  /** Where the binary is now (absent after a failure). */
  path?: string;
  /** Time spent in `go install` (installs and failures only). */
  durationMs?: number;
  optional: boolean;
  error?: ToolInstallFailure;
}

export interface SetupReport {
  binDir: string;
  /** The Go toolchain used, or null when nothing needed installing. */
  go: { path: string; version: string } | null;
  tools: ToolInstallOutcome[];
}

export type SetupProgress =
  | { phase: 'start'; index: number; total: number; spec: ToolSpec }
  | { phase: 'done'; index: number; total: number; spec: ToolSpec; outcome: ToolInstallOutcome };

export interface SetupOptions {
  /** The project folder; tools go to `<projectRoot>/.gauntlet/bin`. */
  projectRoot: string;
  /** The environment: PATH to find `go`, the tools' override variables, Go settings. */
  env: Record<string, string | undefined>;
  /** Tool names to consider (default: all). Naming an optional tool makes its failure fatal. */
  only?: readonly string[];
  /** Reinstall even when the manifest says the pinned version is there. */
  force?: boolean;
  onProgress?: (event: SetupProgress) => void;
  /** Per-tool `go install` time limit (default 15 minutes). */
  timeoutMs?: number;
  /** The tool table (default: the pinned TOOLS); tests pass variations of it. */
  table?: readonly ToolSpec[];
}

const DEFAULT_TIMEOUT_MS = 15 * 60_000;

/** Resolves `--only` names against the table, in table order; unknown names are a usage error. */
export function selectTools(
  only: readonly string[] | undefined,
  table: readonly ToolSpec[] = TOOLS,
): ToolSpec[] {
  if (!only || only.length === 0) return [...table];
  const unknown = only.filter((name) => !table.some((t) => t.name === name));
  if (unknown.length > 0) {
    throw new GauntletError(
      'GAUNTLET_E_USAGE',
      `Failed to select tools: because ${unknown.map((n) => `"${n}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a known tool. Use one of: ${table.map((t) => t.name).join(', ')}.`,
    );
  }
  return table.filter((t) => only.includes(t.name));
}

/** The GauntletError for a setup whose required (or explicitly requested) tools failed. */
export function setupFailure(
  report: SetupReport,
  only?: readonly string[],
): GauntletError | undefined {
  const fatal = report.tools.filter(
    (t) => t.status === 'failed' && (!t.optional || (only?.includes(t.name) ?? false)),
  );
  if (fatal.length === 0) return undefined;
  const names = fatal.map((t) => t.name).join(',');
  const first = fatal[0]!;
  if (fatal.length === 1 && first.error) {
    return new GauntletError('GAUNTLET_E_TOOL_INSTALL', first.error.message, {
      hint: first.error.details,
      cause: first.error,
    });
  }
  const blocks = fatal.map((t) =>
    t.error ? `${t.error.message}\n  ${t.error.details}` : `${t.name}: ${t.reason}`,
  );
  return new GauntletError(
    'GAUNTLET_E_TOOL_INSTALL',
    `Failed to install ${fatal.map((t) => t.name).join(', ')}: because \`go install\` failed for each of them (go's output below). Fix the causes and run \`npx gauntlet setup --only ${names}\` again, or set ${fatal.map((t) => getEnvVar(t.name)).join(' / ')} to binaries you installed another way.`,
    { hint: blocks.join('\n\n  '), cause: first.error },
  );
}

function getEnvVar(name: string): string {
  return TOOLS.find((t) => t.name === name)?.envVar ?? name;
}

/**
 * Installs the pinned tools with `go install` into `<projectRoot>/.gauntlet/bin`, one after
 * another, skipping those already there at the pinned version. Throws GAUNTLET_E_GO_MISSING
 * when something needs installing and no `go` is on PATH; install failures are returned in the
 * report (see `setupFailure`) so that one broken tool does not hide the state of the others.
 *
 * @example
 * const report = await installTools({ projectRoot: process.cwd(), env: process.env, only: ['vegeta'] });
 * const failure = setupFailure(report, ['vegeta']);
 * if (failure) throw failure;
 */
export async function installTools(options: SetupOptions): Promise<SetupReport> {
  const selected = selectTools(options.only, options.table);
  const binDir = projectBinDir(options.projectRoot);
  const manifest = await readManifest(binDir);

  // Decide everything first, so a missing Go is reported before any work and only when needed.
  const plans = await Promise.all(
    selected.map(async (spec) => {
      const override = options.env[spec.envVar];
      const overridePath = override ? path.resolve(options.projectRoot, override) : undefined;
      if (overridePath && (await isExecutableFile(overridePath))) {
        return {
          spec,
          install: false,
          status: 'overridden' as const,
          reason: `uses $${spec.envVar}`,
          path: overridePath,
        };
      }
      const binaryPath = path.join(binDir, spec.binary);
      const binaryPresent = await isExecutableFile(binaryPath);
      const built = binaryPresent ? await readGoBuildInfo(binaryPath) : undefined;
      const decision = decideInstall(
        spec,
        { entry: manifest.tools[spec.name], binaryPresent, builtVersion: built?.module?.version },
        options.force ?? false,
      );
      const failedBefore = manifest.unavailable[spec.name];
      const explicit = options.only?.includes(spec.name) ?? false;
      if (
        decision.action === 'install' &&
        spec.optional &&
        failedBefore &&
        !options.force &&
        !explicit &&
        failedBefore.goPackage === spec.goPackage &&
        failedBefore.version === spec.version &&
        (failedBefore.goToolchain ?? '') === (spec.goToolchain ?? '')
      ) {
        return {
          spec,
          install: false,
          status: 'unavailable' as const,
          reason: `not retried, it failed before because ${failedBefore.reason}; \`npx gauntlet setup --only ${spec.name}\` retries`,
          path: undefined,
        };
      }
      return decision.action === 'skip'
        ? {
            spec,
            install: false,
            status: 'already-installed' as const,
            reason: decision.reason,
            path: binaryPath,
          }
        : {
            spec,
            install: true,
            status: 'failed' as const,
            reason: decision.reason,
            path: binaryPath,
          };
    }),
  );

  const needed = plans.filter((p) => p.install).map((p) => p.spec);
  // Go is demanded only for required or explicitly named tools: without it, optional tools are
  // reported as not installed instead of failing the whole setup.
  const demanding = needed.filter((t) => !t.optional || (options.only?.includes(t.name) ?? false));
  const go =
    needed.length === 0
      ? null
      : demanding.length > 0
        ? await requireGo(options.env, needed)
        : ((await findGo(options.env)) ?? null);

  const report: SetupReport = { binDir, go, tools: [] };
  const total = plans.length;
  for (const [i, plan] of plans.entries()) {
    const index = i + 1;
    const { spec } = plan;
    options.onProgress?.({ phase: 'start', index, total, spec });
    let outcome: ToolInstallOutcome;
    if (plan.install && go === null) {
      outcome = {
        name: spec.name,
        binary: spec.binary,
        version: spec.version,
        status: 'failed',
        reason: plan.reason,
        optional: spec.optional !== undefined,
        error: {
          code: 'GAUNTLET_E_GO_MISSING',
          message: `Failed to install ${spec.name} ${spec.version}: because no \`go\` command is on PATH. Install Go and run \`npx gauntlet setup --only ${spec.name}\`, or set ${spec.envVar} to a ${spec.binary} binary.`,
          details: 'command: (not run)',
          because: 'no `go` command is on PATH',
          command: '',
          output: '',
          proxyRefused: false,
        },
      };
    } else if (!plan.install || go === null) {
      outcome = {
        name: spec.name,
        binary: spec.binary,
        version: spec.version,
        status: plan.status,
        reason: plan.reason,
        ...(plan.path === undefined ? {} : { path: plan.path }),
        optional: spec.optional !== undefined,
      };
    } else {
      outcome = await installOne(spec, plan.reason, go, binDir, options);
      if (outcome.status === 'installed') {
        manifest.tools[spec.name] = {
          binary: spec.binary,
          goPackage: spec.goPackage,
          version: spec.version,
          ...(spec.goToolchain === undefined ? {} : { goToolchain: spec.goToolchain }),
          goVersion: go.version,
          installedAt: new Date().toISOString(),
        };
        delete manifest.unavailable[spec.name];
        // Written after each success so an interrupted run keeps what it finished.
        await writeManifest(binDir, manifest);
      } else if (spec.optional && outcome.error?.code === 'GAUNTLET_E_TOOL_INSTALL') {
        manifest.unavailable[spec.name] = {
          goPackage: spec.goPackage,
          version: spec.version,
          ...(spec.goToolchain === undefined ? {} : { goToolchain: spec.goToolchain }),
          reason: outcome.error.because,
          failedAt: new Date().toISOString(),
        };
        await writeManifest(binDir, manifest);
      }
    }
    report.tools.push(outcome);
    options.onProgress?.({ phase: 'done', index, total, spec, outcome });
  }
  return report;
}

async function findGo(
  env: Record<string, string | undefined>,
): Promise<{ path: string; version: string } | undefined> {
  const goPath = await findOnPath('go', env.PATH);
  if (!goPath) return undefined;
  const result = await runProcess(goPath, ['version'], { env, timeoutMs: 60_000 });
  const version = /\bgo(\d+\.\d+(?:\.\d+)?\S*)/.exec(result.stdout)?.[0] ?? result.stdout.trim();
  return { path: goPath, version };
}

async function requireGo(
  env: Record<string, string | undefined>,
  needed: readonly ToolSpec[],
): Promise<{ path: string; version: string }> {
  const go = await findGo(env);
  if (!go) {
    const names = needed.map((t) => t.name).join(', ');
    const alternatives = needed.map((t) => `  ${t.envVar}=/path/to/${t.binary}`).join('\n');
    throw new GauntletError(
      'GAUNTLET_E_GO_MISSING',
      `Failed to install ${names}: because no \`go\` command is on PATH, and these tools are built with \`go install\`. Install Go (https://go.dev/dl/) and run \`npx gauntlet setup\` again; or put ${needed.map((t) => t.binary).join(', ')} on PATH; or point these variables at binaries you installed another way:\n${alternatives}`,
      { hint: 'Run `npx gauntlet doctor` to see what is found where.' },
    );
  }
  return go;
}

async function installOne(
  spec: ToolSpec,
  reason: string,
  go: { path: string; version: string },
  binDir: string,
  options: SetupOptions,
): Promise<ToolInstallOutcome> {
  const base = {
    name: spec.name,
    binary: spec.binary,
    version: spec.version,
    reason,
    optional: spec.optional !== undefined,
  };
  const tmpRoot = projectTmpDir(options.projectRoot);
  await mkdir(tmpRoot, { recursive: true });
  await mkdir(binDir, { recursive: true });
  // A private GOBIN on the same file system: `go install` names the file after the package
  // (`server`, `cli`), and the rename into the bin folder is atomic, so the bin folder never
  // holds a half-written binary or a foreign name.
  const gobin = await mkdtemp(path.join(tmpRoot, `install-${spec.name}-`));
  const target = `${spec.goPackage}@${spec.version}`;
  const extraEnv: Record<string, string> = { GOBIN: gobin };
  if (spec.goToolchain !== undefined) extraEnv.GOTOOLCHAIN = spec.goToolchain;
  const command = `${Object.entries(extraEnv)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')} ${go.path} install ${target}`;
  try {
    const result = await runProcess(go.path, ['install', target], {
      env: { ...options.env, ...extraEnv },
      cwd: gobin,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    const output = `${result.stderr}${result.stdout}`.trimEnd();
    const built = path.join(gobin, spec.installedName);
    if (result.code === 0 && !result.error && (await isExecutableFile(built))) {
      const finalPath = path.join(binDir, spec.binary);
      await rename(built, finalPath);
      return { ...base, status: 'installed', path: finalPath, durationMs: result.durationMs };
    }
    const why =
      result.code === 0 && !result.error
        ? `\`go install\` succeeded but did not produce ${spec.installedName} in GOBIN (the table's installedName is wrong?)`
        : undefined;
    return {
      ...base,
      status: 'failed',
      durationMs: result.durationMs,
      error: describeInstallFailure(spec, command, output, why ?? exitText(result)),
    };
  } finally {
    await rm(gobin, { recursive: true, force: true });
  }
}

function exitText(result: { code: number | null; signal: string | null; error?: string }): string {
  if (result.error) return `\`go install\` did not complete: ${result.error}`;
  if (result.signal) return `\`go install\` was killed by ${result.signal}`;
  return `\`go install\` exited with code ${result.code}`;
}

// `go` reports a proxy refusal as "reading <url>: 403 Forbidden" followed by an indented
// "server response: <text>" line; both are quoted back verbatim.
const PROXY_REFUSAL =
  /reading (https?:\/\/\S+): ((?:403|404|410)[^\n]*)(?:\n\s*server response:\s*([^\n]*))?/;

/** Builds the failure record: what happened, the exact command and go's exact output. */
export function describeInstallFailure(
  spec: ToolSpec,
  command: string,
  output: string,
  exit: string,
): ToolInstallFailure {
  const refusal = PROXY_REFUSAL.exec(output);
  let because: string;
  let todo: string;
  if (refusal) {
    const serverSays = refusal[3] === undefined ? '' : `, server response: "${refusal[3]}"`;
    because = `the Go module proxy refused ${spec.goModule}@${spec.version} (${refusal[1]} answered "${refusal[2]}"${serverSays})`;
    todo = `Install ${spec.binary} another way and set ${spec.envVar} to its path or put it on PATH; or, if the proxy should serve it, check GOPROXY/GONOSUMDB/GOPRIVATE.`;
  } else {
    because = exit;
    todo = `Read go's output below; then run \`npx gauntlet setup --only ${spec.name}\` again, or set ${spec.envVar} to a ${spec.binary} you installed another way.`;
  }
  const indented = output === '' ? '    (no output)' : output.replace(/^/gm, '    ');
  return {
    code: 'GAUNTLET_E_TOOL_INSTALL',
    message: `Failed to install ${spec.name} ${spec.version}: because ${because}. ${todo}`,
    details: `command: ${command}\n  go output:\n${indented}`,
    because,
    command,
    output,
    proxyRefused: refusal !== null,
  };
}
