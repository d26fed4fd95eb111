import { copyFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { GauntletError } from '../../errors.js';
import { runProcess } from '../process/run-process.js';
import { findOnPath } from '../tools/find-on-path.js';
import { requireTool } from '../tools/find-tool.js';
import { projectTmpDir } from '../tools/project-bin.js';
import { type GoToolSpec, TOOLS } from '../tools/tools.js';
import { engineApi } from './engine-api.js';
import type { ContainerEngine } from './find-engine.js';
import { type ImageName, type ImageSpec, imageSpec, packageRoot } from './images.js';
import { importNodeBase } from './node-base.js';

export interface BuildImageOptions {
  /** The project folder (holds `.gauntlet/bin` and `.gauntlet/tmp`). */
  projectRoot: string;
  env: Record<string, string | undefined>;
  engine: ContainerEngine;
  /**
   * Build without a registry: the binaries and the Node base come from this machine instead of
   * the Containerfiles' public base images (same final image).
   */
  offline: boolean;
  /** Keep an image that is already there under its tag (tests use this; the CLI rebuilds). */
  ifMissing?: boolean;
  onProgress?: (line: string) => void;
}

/** An image `buildImage` built (or found already built): its name and tag. */
export interface BuiltImage {
  name: ImageName;
  tag: string;
  offline: boolean;
  /** True when `ifMissing` found it already built. */
  reused: boolean;
  seconds: number;
  sizeBytes: number | null;
}

interface BuildInputs {
  contextDir: string;
  buildArgs: Record<string, string>;
  buildContexts: Record<string, string>;
}

const BUILD_TIMEOUT_MS = 15 * 60_000;

async function run(
  command: string,
  args: string[],
  options: { env: Record<string, string | undefined>; cwd?: string; what: string },
): Promise<string> {
  const result = await runProcess(command, args, {
    env: options.env,
    timeoutMs: BUILD_TIMEOUT_MS,
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  if (result.code !== 0) {
    const tail = `${result.stderr}\n${result.stdout}`.trim().split('\n').slice(-15).join('\n');
    throw new GauntletError(
      'GAUNTLET_E_IMAGE_BUILD',
      `Failed to ${options.what}: because \`${path.basename(command)} ${args.slice(0, 3).join(' ')} …\` ${result.error ?? `exited with ${result.code}`}:\n${tail}`,
      { hint: 'Run `gauntlet doctor` to check the container engine and the tools.' },
    );
  }
  return result.stdout;
}

/** Toxiproxy, offline: the pinned server built static (CGO off) so it runs on scratch. */
async function toxiproxyInputs(staging: string, options: BuildImageOptions): Promise<BuildInputs> {
  if (!options.offline) return { contextDir: staging, buildArgs: {}, buildContexts: {} };
  const spec = TOOLS.find(
    (tool): tool is GoToolSpec => tool.name === 'toxiproxy-server' && tool.kind === 'go',
  )!;
  const go = await findOnPath('go', options.env.PATH);
  if (!go) {
    throw new GauntletError(
      'GAUNTLET_E_GO_MISSING',
      'Failed to build the toxiproxy image offline: because no `go` command is on PATH to build the static server. Install Go, or build with a registry (without --offline).',
    );
  }
  const out = path.join(staging, 'toxiproxy-bin', 'out');
  await mkdir(out, { recursive: true });
  options.onProgress?.(`building ${spec.goPackage}@${spec.version} (static)`);
  await run(go, ['install', `${spec.goPackage}@${spec.version}`], {
    env: { ...options.env, CGO_ENABLED: '0', GOBIN: out },
    what: 'build a static toxiproxy-server',
  });
  return {
    contextDir: staging,
    buildArgs: {},
    buildContexts: { 'toxiproxy-bin': path.join(staging, 'toxiproxy-bin') },
  };
}

/** Hoverfly, offline: the binary `gauntlet setup` took out of hoverfly-java. */
async function hoverflyInputs(staging: string, options: BuildImageOptions): Promise<BuildInputs> {
  if (!options.offline) return { contextDir: staging, buildArgs: {}, buildContexts: {} };
  const hoverfly = await requireTool('hoverfly', {
    projectRoot: options.projectRoot,
    env: options.env,
  });
  const out = path.join(staging, 'hoverfly-bin', 'out');
  await mkdir(out, { recursive: true });
  await copyFile(hoverfly.path, path.join(out, 'hoverfly'));
  return {
    contextDir: staging,
    buildArgs: {},
    buildContexts: { 'hoverfly-bin': path.join(staging, 'hoverfly-bin') },
  };
}

/** The mock: the packed gauntlet package installed with its production dependencies. */
async function mockInputs(staging: string, options: BuildImageOptions): Promise<BuildInputs> {
  const npm = await findOnPath('npm', options.env.PATH);
  if (!npm) {
    throw new GauntletError(
      'GAUNTLET_E_IMAGE_BUILD',
      'Failed to build the mock image: because no `npm` is on PATH to pack and install Gauntlet.',
    );
  }
  const root = packageRoot();
  const app = path.join(staging, 'app');
  await mkdir(app, { recursive: true });
  options.onProgress?.('packing gauntlet');
  const packed = await run(npm, ['pack', '--silent', '--pack-destination', staging, root], {
    env: options.env,
    cwd: staging,
    what: 'pack gauntlet',
  });
  const tarball = packed.trim().split('\n').at(-1)!;
  await writeFile(
    path.join(app, 'package.json'),
    `${JSON.stringify({ name: 'gauntlet-mock-image', private: true }, null, 2)}\n`,
  );
  options.onProgress?.('installing gauntlet and its production dependencies');
  await run(
    npm,
    [
      'install',
      '--omit=dev',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      path.join(staging, tarball),
    ],
    { env: options.env, cwd: app, what: 'install gauntlet into the image context' },
  );
  await copyFile(
    path.join(root, 'containers', 'mock-healthcheck.mjs'),
    path.join(staging, 'mock-healthcheck.mjs'),
  );
  const buildArgs: Record<string, string> = {};
  if (options.offline) {
    options.onProgress?.("importing a Node base from this machine's runtime");
    buildArgs.NODE_IMAGE = await importNodeBase({
      cli: options.engine.cli!,
      env: options.env,
      staging: path.join(staging, 'node-base'),
    });
  }
  return { contextDir: staging, buildArgs, buildContexts: {} };
}

const INPUTS: Record<ImageName, (staging: string, o: BuildImageOptions) => Promise<BuildInputs>> = {
  toxiproxy: toxiproxyInputs,
  hoverfly: hoverflyInputs,
  mock: mockInputs,
};

async function gauntletVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(packageRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/**
 * Builds one of Gauntlet's images with the engine's CLI (podman or docker), from the Containerfile
 * in `containers/`. The staging folder is removed afterwards, whatever happens.
 *
 * @example
 * const engine = (await findContainerEngine(process.env)).found!;
 * const built = await buildImage('toxiproxy', { projectRoot, env: process.env, engine, offline: true });
 */
export async function buildImage(name: ImageName, options: BuildImageOptions): Promise<BuiltImage> {
  const spec: ImageSpec = imageSpec(name, await gauntletVersion());
  const api = engineApi(options.engine.dockerHost);
  if (options.ifMissing) {
    const size = await api.imageSize(spec.tag);
    if (size !== null) {
      return {
        name,
        tag: spec.tag,
        offline: options.offline,
        reused: true,
        seconds: 0,
        sizeBytes: size,
      };
    }
  }
  if (!options.engine.cli) {
    throw new GauntletError(
      'GAUNTLET_E_CONTAINER_ENGINE',
      `Failed to build ${spec.tag}: because neither \`podman\` nor \`docker\` is on PATH (the engine at ${options.engine.dockerHost} answers, but images are built with its CLI).`,
      { hint: 'Install the CLI of your engine, or set GAUNTLET_CONTAINER_CLI to its path.' },
    );
  }
  const started = performance.now();
  const tmp = projectTmpDir(options.projectRoot);
  await mkdir(tmp, { recursive: true });
  const staging = await mkdtemp(path.join(tmp, `image-${name}-`));
  try {
    const inputs = await INPUTS[name](staging, options);
    await cp(spec.containerfile, path.join(staging, 'Containerfile'));
    const args = ['build', '-f', path.join(staging, 'Containerfile'), '-t', spec.tag];
    // Podman keeps HEALTHCHECK only in the Docker image format.
    if (options.engine.engine === 'podman') args.push('--format', 'docker');
    for (const [key, value] of Object.entries(inputs.buildArgs))
      args.push('--build-arg', `${key}=${value}`);
    for (const [key, value] of Object.entries(inputs.buildContexts)) {
      args.push('--build-context', `${key}=${value}`);
    }
    args.push(inputs.contextDir);
    options.onProgress?.(`${path.basename(options.engine.cli)} build ${spec.tag}`);
    await run(options.engine.cli, args, { env: options.env, what: `build ${spec.tag}` });
    return {
      name,
      tag: spec.tag,
      offline: options.offline,
      reused: false,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      sizeBytes: await api.imageSize(spec.tag),
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
