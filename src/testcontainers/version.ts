import { readFileSync } from 'node:fs';
import { packageRoot } from '../adapters/containers/images.js';

let version: string | undefined;

/** Gauntlet's package version: the tag of the mock image this build runs (read on first use). */
export function gauntletVersion(): string {
  version ??= (
    JSON.parse(readFileSync(`${packageRoot()}package.json`, 'utf8')) as { version: string }
  ).version;
  return version;
}
