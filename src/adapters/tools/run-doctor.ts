import { type EngineSearch, findContainerEngine } from '../containers/find-engine.js';
import { runProcess } from '../process/run-process.js';
import { type DockerStatus, dockerStatus } from './docker-status.js';
import { findOnPath } from './find-on-path.js';
import { resolveTool, type ToolResolution } from './find-tool.js';
import { TOOLS } from './tools.js';

/** What `runDoctor` found: every tool Gauntlet uses, where it was found or why not. */
export interface DoctorReport {
  /** True when every tool was found (Docker does not count). */
  ok: boolean;
  /** Tools that are missing. */
  missing: string[];
  node: { version: string };
  npm: { path: string | null; version: string | null; problem?: string };
  go: { path: string | null; version: string | null; problem?: string };
  /** Maven (with the Java it runs on): only `gauntlet setup` needs it, for Hoverfly. */
  maven: { path: string | null; version: string | null; problem?: string };
  docker: DockerStatus;
  /** A Docker-compatible engine (Docker or Podman's API service), for images and testcontainers. */
  containerEngine: EngineSearch;
  tools: ToolResolution[];
}

export interface DoctorOptions {
  projectRoot: string;
  env: Record<string, string | undefined>;
}

async function programVersion(
  name: string,
  args: string[],
  pattern: RegExp,
  env: Record<string, string | undefined>,
): Promise<{ path: string | null; version: string | null; problem?: string }> {
  const file = await findOnPath(name, env.PATH);
  if (!file) return { path: null, version: null, problem: `no \`${name}\` on PATH` };
  const result = await runProcess(file, args, { env, timeoutMs: 15_000 });
  const version = pattern.exec(result.stdout)?.[0];
  if (version) return { path: file, version };
  return {
    path: file,
    version: null,
    problem: `\`${name} ${args.join(' ')}\` ${result.error ?? `printed no version (exit ${result.code})`}`,
  };
}

/**
 * Checks the environment Gauntlet needs: each pinned tool (where it is found and its version),
 * Node, npm, Go, and whether a Docker daemon answers.
 *
 * @example
 * const report = await runDoctor({ projectRoot: process.cwd(), env: process.env });
 * process.exitCode = report.ok ? 0 : 1;
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const { env, projectRoot } = options;
  // Tools one at a time: each runs a binary, and the machines have 2 cores.
  const tools: ToolResolution[] = [];
  for (const spec of TOOLS) tools.push(await resolveTool(spec.name, { projectRoot, env }));
  const [npm, go, maven, docker, containerEngine] = await Promise.all([
    programVersion('npm', ['--version'], /\d+\.\d+\.\d+\S*/, env),
    programVersion('go', ['version'], /go\d+\.\d+(?:\.\d+)?\S*/, env),
    programVersion('mvn', ['-v'], /Apache Maven \d+\.\d+(?:\.\d+)?/, env),
    dockerStatus(env),
    findContainerEngine(env),
  ]);
  const missing = tools.filter((t) => !t.found).map((t) => t.name);
  return {
    ok: missing.length === 0,
    missing,
    node: { version: process.version },
    npm,
    go,
    maven,
    docker,
    containerEngine,
    tools,
  };
}
