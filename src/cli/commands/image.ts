import {
  type BuiltImage,
  buildImage,
  describeMissingEngine,
  findContainerEngine,
  GauntletError,
  IMAGE_NAMES,
  type ImageName,
} from '../../index.js';
import type { CommandContext } from '../command.js';

const USAGE = 'gauntlet image build [toxiproxy|hoverfly|mock]... [--offline] [--json]';

function megabytes(bytes: number | null): string {
  return bytes === null ? '?' : `${(bytes / 1e6).toFixed(1)} MB`;
}

/** `gauntlet image build [NAME...] [--offline] [--json]`: builds Gauntlet's container images. */
export default async function image(ctx: CommandContext): Promise<number> {
  const [verb, ...names] = ctx.positionals;
  if (verb !== 'build') {
    throw new GauntletError(
      'GAUNTLET_E_USAGE',
      `Failed to read the command: because "${verb ?? ''}" is not an image command. Use \`image build\`.`,
      { hint: `Usage: ${USAGE}` },
    );
  }
  const unknown = names.filter((n) => !IMAGE_NAMES.includes(n as ImageName));
  if (unknown.length > 0) {
    throw new GauntletError(
      'GAUNTLET_E_USAGE',
      `Failed to read the image names: because ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not one of ${IMAGE_NAMES.join(', ')}.`,
      { hint: `Usage: ${USAGE}` },
    );
  }
  const json = ctx.values.json === true;
  const say = json ? ctx.stderr : ctx.stdout;
  const { found, tried } = await findContainerEngine(ctx.env);
  if (!found) {
    throw new GauntletError(
      'GAUNTLET_E_CONTAINER_ENGINE',
      `Failed to build images: because ${describeMissingEngine(tried)}`,
    );
  }
  say(`engine: ${found.engine} ${found.serverVersion ?? ''} at ${found.dockerHost}\n`);
  const offline = ctx.values.offline === true;
  const built: BuiltImage[] = [];
  const selected = names.length > 0 ? (names as ImageName[]) : [...IMAGE_NAMES];
  for (const [i, name] of selected.entries()) {
    say(`[${i + 1}/${selected.length}] ${name}${offline ? ' (offline)' : ''}\n`);
    const result = await buildImage(name, {
      projectRoot: ctx.cwd,
      env: ctx.env,
      engine: found,
      offline,
      onProgress: (line) => say(`  ${line}\n`),
    });
    built.push(result);
    say(`  ${result.tag}  ${megabytes(result.sizeBytes)}  in ${result.seconds}s\n`);
  }
  if (json) ctx.stdout(`${JSON.stringify({ engine: found, images: built }, null, 2)}\n`);
  return 0;
}
