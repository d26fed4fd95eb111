import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { GauntletError } from '../../errors.js';
import { runProcess } from '../process/run-process.js';
import { findOnPath, isExecutableFile } from './find-on-path.js';
import { readGoBuildInfo } from './go-build-info.js';
import { decideInstall } from './install-decision.js';
import {
  currentPlatform,
  fileSha256,
  installFromMaven,
  type MavenToolchain,
  manifestMatches,
  requireMaven,
} from './install-from-maven.js';
import type { ToolInstallFailure, ToolInstallOutcome } from './install-outcome.js';
import { goEntry, mavenEntry, readManifest, writeManifest } from './manifest.js';
import { projectBinDir, projectTmpDir } from './project-bin.js';
import type { GoToolSpec, MavenToolSpec, Platform, ToolSpec } from './tools.js';
import { TOOLS } from './tools.js';

export type {
  ToolInstallFailure,
  ToolInstallOutcome,
  ToolInstallStatus,
} from './install-outcome.js';

export interface SetupReport {
  binDir: string;
  /** The Go toolchain used, or null when nothing needed installing. */
  go: { path: string; version: string } | null;
  /** The Maven used, or null when no Maven tool needed installing. */
  maven: MavenToolchain | null;
  tools: ToolInstallOutcome[];
}

/** Progress events of `installTools`: a tool started, a tool done (with its outcome). */
export type SetupProgress =
  | { phase: 'start'; index: number; total: number; spec: ToolSpec }
  | { phase: 'done'; index: number; total: number; spec: ToolSpec; outcome: ToolInstallOutcome };

export interface SetupOptions {
  /** The project folder; tools go to `<projectRoot>/.gauntlet/bin`. */
  projectRoot: string;
  /** The environment: PATH to find `go`, the tools' override variables, Go settings. */
  env: Record<string, string | undefined>;
  /** Tool names to consider (default: all). */
  only?: readonly string[];
  /** Reinstall even when the manifest says the pinned version is there. */
  force?: boolean;
  onProgress?: (event: SetupProgress) => void;
  /** Per-tool install time limit (default 15 minutes). */
  timeoutMs?: number;
  /** The tool table (default: the pinned TOOLS); tests pass variations of it. */
  table?: readonly ToolSpec[];
  /** The platform whose binaries Maven tools install (default: this machine's). */
  platform?: Platform;
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

/** The GauntletError for a setup where some tool failed to install. */
export function setupFailure(report: SetupReport): GauntletError | undefined {
  const fatal = report.tools.filter((t) => t.status === 'failed');
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
    `Failed to install ${fatal.map((t) => t.name).join(', ')}: because the install failed for each of them (the output is below). Fix the causes and run \`npx gauntlet setup --only ${names}\` again, or set ${fatal.map((t) => getEnvVar(t.name)).join(' / ')} to binaries you installed another way.`,
    { hint: blocks.join('\n\n  '), cause: first.error },
  );
}

function getEnvVar(name: string): string {
  return TOOLS.find((t) => t.name === name)?.envVar ?? name;
}

type Plan =
  | {
      spec: ToolSpec;
      install: false;
      status: 'overridden' | 'already-installed';
      reason: string;
      path: string;
    }
  | { spec: ToolSpec; install: true; reason: string };

async function planGo(
  spec: GoToolSpec,
  binaryPath: string,
  entry: ReturnType<typeof goEntry>,
  force: boolean,
): Promise<Plan> {
  const binaryPresent = await isExecutableFile(binaryPath);
  const built = binaryPresent ? await readGoBuildInfo(binaryPath) : undefined;
  const decision = decideInstall(
    spec,
    { entry, binaryPresent, builtVersion: built?.module?.version },
    force,
  );
  return decision.action === 'skip'
    ? {
        spec,
        install: false,
        status: 'already-installed',
        reason: decision.reason,
        path: binaryPath,
      }
    : { spec, install: true, reason: decision.reason };
}

async function planMaven(
  spec: MavenToolSpec,
  binaryPath: string,
  entry: ReturnType<typeof mavenEntry>,
  force: boolean,
  platform: Platform,
): Promise<Plan> {
  const install = (reason: string): Plan => ({ spec, install: true, reason });
  if (force) return install('--force');
  if (!entry) return install('not installed');
  if (!manifestMatches(spec, entry, platform))
    return install(`the pin changed from ${entry.artifact} ${entry.entry}`);
  // The checksum is read every time: a binary replaced by hand is not the pinned one.
  const actual = await fileSha256(binaryPath);
  if (actual === undefined)
    return install(`${spec.binary} is recorded but missing from the bin folder`);
  if (actual !== entry.sha256)
    return install(`the binary's SHA-256 is ${actual}, not the pinned one`);
  return {
    spec,
    install: false,
    status: 'already-installed',
    reason: `${spec.version} already installed`,
    path: binaryPath,
  };
}

/**
 * Installs the pinned tools into `<projectRoot>/.gauntlet/bin`, one after another, skipping those
 * already there at the pinned version: Go tools with `go install`, Maven tools (Hoverfly) from
 * their jar with the checksums of the table. Throws GAUNTLET_E_GO_MISSING / GAUNTLET_E_MAVEN_MISSING
 * before any work when something needs installing and the toolchain for it is missing; install
 * failures are returned in the report (see `setupFailure`) so that one broken tool does not hide
 * the state of the others.
 *
 * @example
 * const report = await installTools({ projectRoot: process.cwd(), env: process.env, only: ['hoverfly'] });
 * const failure = setupFailure(report);
 * if (failure) throw failure;
 */
export async function installTools(options: SetupOptions): Promise<SetupReport> {
  const selected = selectTools(options.only, options.table);
  const binDir = projectBinDir(options.projectRoot);
  const manifest = await readManifest(binDir);
  const force = options.force ?? false;
  const platform = options.platform ?? currentPlatform();

  // Decide everything first, so a missing toolchain is reported before any work and only when needed.
  const plans = await Promise.all(
    selected.map(async (spec): Promise<Plan> => {
      const override = options.env[spec.envVar];
      const overridePath = override ? path.resolve(options.projectRoot, override) : undefined;
      if (overridePath && (await isExecutableFile(overridePath))) {
        return {
          spec,
          install: false,
          status: 'overridden',
          reason: `uses $${spec.envVar}`,
          path: overridePath,
        };
      }
      const binaryPath = path.join(binDir, spec.binary);
      const entry = manifest.tools[spec.name];
      return spec.kind === 'go'
        ? planGo(spec, binaryPath, goEntry(entry), force)
        : planMaven(spec, binaryPath, mavenEntry(entry), force, platform);
    }),
  );

  const needed = plans.filter((p) => p.install).map((p) => p.spec);
  const neededGo = needed.filter((t): t is GoToolSpec => t.kind === 'go');
  const neededMaven = needed.filter((t): t is MavenToolSpec => t.kind === 'maven');
  const go = neededGo.length === 0 ? null : await requireGo(options.env, neededGo);
  const maven = neededMaven.length === 0 ? null : await requireMaven(options.env, neededMaven);

  const report: SetupReport = { binDir, go, maven, tools: [] };
  const total = plans.length;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  for (const [i, plan] of plans.entries()) {
    const index = i + 1;
    const { spec } = plan;
    options.onProgress?.({ phase: 'start', index, total, spec });
    let outcome: ToolInstallOutcome;
    if (!plan.install) {
      outcome = {
        name: spec.name,
        binary: spec.binary,
        version: spec.version,
        status: plan.status,
        reason: plan.reason,
        path: plan.path,
      };
    } else if (spec.kind === 'maven' && maven) {
      const done = await installFromMaven(spec, plan.reason, maven, binDir, {
        projectRoot: options.projectRoot,
        env: options.env,
        timeoutMs,
        platform,
      });
      outcome = done.outcome;
      if (done.manifest) {
        manifest.tools[spec.name] = done.manifest;
        await writeManifest(binDir, manifest);
      }
    } else if (spec.kind === 'go' && go) {
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
        // Written after each success so an interrupted run keeps what it finished.
        await writeManifest(binDir, manifest);
      }
    } else {
      throw new GauntletError(
        'GAUNTLET_E_INTERNAL',
        `Failed to install ${spec.name}: no toolchain was found for it.`,
      );
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
  needed: readonly GoToolSpec[],
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
  spec: GoToolSpec,
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
  spec: GoToolSpec,
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
