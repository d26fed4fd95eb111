import { fileURLToPath } from 'node:url';
import { TOOLS } from '../tools/tools.js';

/** The images Gauntlet builds, by the name users type: `gauntlet image build toxiproxy`. */
export type ImageName = 'toxiproxy' | 'hoverfly' | 'mock';

/** The images `gauntlet image build` knows how to build. */
export const IMAGE_NAMES: readonly ImageName[] = ['toxiproxy', 'hoverfly', 'mock'];

export interface ImageSpec {
  name: ImageName;
  /** The Containerfile, in the package's `containers/` folder. */
  containerfile: string;
  /** Reproducible: the pinned version of what the image runs. */
  tag: string;
  /** What it is, for `gauntlet image build --help` and the report. */
  summary: string;
}

/** The package's root folder (holds `containers/`), from this module's place in dist/ or src/. */
export function packageRoot(): string {
  return fileURLToPath(new URL('../../../', import.meta.url));
}

function toolVersion(name: string): string {
  const spec = TOOLS.find((tool) => tool.name === name);
  if (!spec) throw new Error(`no tool ${name} in the tool table`);
  return spec.version.replace(/^v/, '');
}

/**
 * The image table: one row per image, tags from the pinned versions (Toxiproxy's and Hoverfly's
 * from the tool table, the mock's from Gauntlet's package version).
 *
 * @example
 * imageSpec('toxiproxy', '0.1.0').tag; // 'localhost/gauntlet/toxiproxy:2.12.0'
 */
export function imageSpec(name: ImageName, gauntletVersion: string): ImageSpec {
  const file = (base: string) => `${packageRoot()}containers/${base}.Containerfile`;
  switch (name) {
    case 'toxiproxy':
      return {
        name,
        containerfile: file('toxiproxy'),
        tag: `localhost/gauntlet/toxiproxy:${toolVersion('toxiproxy-server')}`,
        summary: 'Toxiproxy server on scratch (static Go binary)',
      };
    case 'hoverfly':
      return {
        name,
        containerfile: file('hoverfly'),
        tag: `localhost/gauntlet/hoverfly:${toolVersion('hoverfly')}`,
        summary: 'Hoverfly on scratch (the release binary from hoverfly-java)',
      };
    case 'mock':
      return {
        name,
        containerfile: file('gauntlet'),
        tag: `localhost/gauntlet/mock:${gauntletVersion}`,
        summary: '`gauntlet mock` on Node (contracts mounted at /contracts)',
      };
  }
}
