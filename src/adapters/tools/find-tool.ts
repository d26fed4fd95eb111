import * as path from 'node:path';
import { GauntletError } from '../../errors.js';
import { runProcess } from '../process/run-process.js';
import { findOnPath, isExecutableFile } from './find-on-path.js';
import { readGoBuildInfo } from './go-build-info.js';
import { projectBinDir } from './project-bin.js';
import { getToolSpec, setupCommandFor, TOOLS, type ToolSpec } from './tools.js';

/** Where a tool was found: its env var, the project's `.gauntlet/bin`, or PATH. */
export type ToolSource = 'env' | 'project' | 'path';

/** Everything doctor reports about one tool. */
export interface ToolResolution {
  name: string;
  binary: string;
  pinnedVersion: string;
  envVar: string;
  usedFor: string;
  found: boolean;
  path?: string;
  source?: ToolSource;
  /** `v`-prefixed version: from the binary's Go build info when it names the tool's module, else from its version flag. */
  version?: string;
  versionSource?: 'build-info' | 'flag';
  /** The first line the version flag printed (placeholders like `git` or `main` included), or why it could not run. */
  versionOutput?: string;
  /** Whether the found version is the pinned one; absent when the version is unknown. */
  matchesPin?: boolean;
  /** Why the tool is not usable (absent when found). */
  problem?: string;
  /** The exact command or action that fixes `problem`. */
  fix?: string;
}

export interface FindToolOptions {
  /** Project folder holding `.gauntlet/bin` (default: the current directory). */
  projectRoot?: string;
  /** Environment for the env-var override and PATH (default: process.env). */
  env?: Record<string, string | undefined>;
}

function specOrThrow(name: string): ToolSpec {
  const spec = getToolSpec(name);
  if (!spec) {
    throw new GauntletError(
      'GAUNTLET_E_USAGE',
      `Failed to look up tool "${name}": because it is not in the tool table. Use one of: ${TOOLS.map((t) => t.name).join(', ')}.`,
    );
  }
  return spec;
}

const VERSION_TIMEOUT_MS = 10_000;

async function versionOf(
  spec: ToolSpec,
  file: string,
  env: Record<string, string | undefined>,
): Promise<Pick<ToolResolution, 'version' | 'versionSource' | 'versionOutput'>> {
  const [built, flag] = await Promise.all([
    readGoBuildInfo(file),
    runProcess(file, spec.versionQuery.args, { env, timeoutMs: VERSION_TIMEOUT_MS }),
  ]);
  const printed = `${flag.stdout}\n${flag.stderr}`;
  const versionOutput =
    flag.error !== undefined
      ? `could not run \`${spec.binary} ${spec.versionQuery.args.join(' ')}\`: ${flag.error}`
      : (printed
          .split('\n')
          .map((l) => l.trim())
          .find((l) => l !== '') ?? '');
  const builtVersion =
    spec.kind === 'go' && built?.module?.path === spec.goModule && /^v\d/.test(built.module.version)
      ? built.module.version
      : undefined;
  if (builtVersion) return { version: builtVersion, versionSource: 'build-info', versionOutput };
  const match = spec.versionQuery.pattern.exec(printed)?.[1];
  if (match) return { version: `v${match}`, versionSource: 'flag', versionOutput };
  return { versionOutput };
}

/**
 * Finds a tool the way every engine does: `$<envVar>` if set (and then nothing else — a wrong
 * override is reported, never silently replaced), else `.gauntlet/bin`, else PATH; and asks
 * the binary its version.
 *
 * @example
 * const r = await resolveTool('vegeta');
 * if (!r.found) console.log(r.problem, r.fix); // '… not found …' 'npx gauntlet setup --only vegeta'
 */
export async function resolveTool(
  name: string,
  options: FindToolOptions = {},
): Promise<ToolResolution> {
  const spec = specOrThrow(name);
  const env = options.env ?? process.env;
  const root = options.projectRoot ?? process.cwd();
  const base: ToolResolution = {
    name: spec.name,
    binary: spec.binary,
    pinnedVersion: spec.version,
    envVar: spec.envVar,
    usedFor: spec.usedFor,
    found: false,
  };
  let file: string | undefined;
  let source: ToolSource | undefined;
  const override = env[spec.envVar];
  if (override !== undefined && override !== '') {
    const absolute = path.resolve(root, override);
    if (!(await isExecutableFile(absolute))) {
      return {
        ...base,
        problem: `$${spec.envVar} is set to ${override}, which is not an executable file`,
        fix: `Point ${spec.envVar} at a ${spec.binary} binary, or unset it to use .gauntlet/bin (\`${setupCommandFor(spec.name)}\`)`,
      };
    }
    file = absolute;
    source = 'env';
  } else {
    const local = path.join(projectBinDir(root), spec.binary);
    if (await isExecutableFile(local)) {
      file = local;
      source = 'project';
    } else {
      file = await findOnPath(spec.binary, env.PATH);
      if (file) source = 'path';
    }
  }
  if (!file || !source) {
    return {
      ...base,
      problem: `${spec.binary} is not in ${path.join('.gauntlet', 'bin')}, not on PATH, and $${spec.envVar} is not set`,
      fix: setupCommandFor(spec.name),
    };
  }
  const version = await versionOf(spec, file, env);
  const resolution: ToolResolution = { ...base, found: true, path: file, source, ...version };
  if (version.version !== undefined) resolution.matchesPin = version.version === spec.version;
  return resolution;
}

/**
 * The tool's path and version, or undefined when it is not usable.
 *
 * @example
 * const vegeta = await findTool('vegeta');
 * if (vegeta) spawn(vegeta.path, ['attack']);
 */
export async function findTool(
  name: string,
  options: FindToolOptions = {},
): Promise<{ path: string; version: string | undefined } | undefined> {
  const r = await resolveTool(name, options);
  return r.found && r.path !== undefined ? { path: r.path, version: r.version } : undefined;
}

/**
 * Like `findTool`, but throws GAUNTLET_E_TOOL_MISSING with the fix when the tool is not usable.
 *
 * @example
 * const { path: toxiproxy } = await requireTool('toxiproxy-server');
 */
export async function requireTool(
  name: string,
  options: FindToolOptions = {},
): Promise<{ path: string; version: string | undefined }> {
  const r = await resolveTool(name, options);
  if (r.found && r.path !== undefined) return { path: r.path, version: r.version };
  throw new GauntletError(
    'GAUNTLET_E_TOOL_MISSING',
    `Failed to find ${r.binary}, needed for ${r.usedFor}: because ${r.problem}. Run \`${setupCommandFor(r.name)}\`, or set ${r.envVar} to a ${r.binary} binary.`,
    { hint: `Fix: ${r.fix ?? setupCommandFor(r.name)}` },
  );
}
