import { type BuiltImage, buildImage } from '../adapters/containers/build-image.js';
import type { ImageName } from '../adapters/containers/images.js';
import { useContainerEngine } from './engine.js';

/**
 * Builds one of Gauntlet's images unless the engine has it already (a vitest `globalSetup` or
 * `beforeAll` calls this once). `offline` builds without a registry, from this machine's tools.
 *
 * @example
 * beforeAll(() => ensureImage('mock', { offline: true }), 600_000);
 */
export async function ensureImage(
  name: ImageName,
  options: { offline?: boolean; projectRoot?: string; onProgress?: (line: string) => void } = {},
): Promise<BuiltImage> {
  const { engine } = await useContainerEngine();
  return buildImage(name, {
    projectRoot: options.projectRoot ?? process.cwd(),
    env: process.env,
    engine,
    offline: options.offline ?? false,
    ifMissing: true,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}
