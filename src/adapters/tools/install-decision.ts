import type { GoManifestEntry } from './manifest.js';
import type { GoToolSpec } from './tools.js';

/** What setup found in `.gauntlet/bin` for one tool. */
export interface InstalledState {
  /** The manifest entry, if setup recorded one. */
  entry: GoManifestEntry | undefined;
  /** Whether the binary file exists and is executable. */
  binaryPresent: boolean;
  /** The main-module version from the binary's Go build info, when it has one. */
  builtVersion: string | undefined;
}

export type InstallDecision =
  | { action: 'skip'; reason: string }
  | { action: 'install'; reason: string };

/**
 * Decides whether setup must (re)install a tool. Pure: the caller gathers the state.
 * Skips only when the manifest records exactly the pinned package, version and toolchain, the
 * binary is there, and — when the binary carries Go build info — that info agrees.
 *
 * @example
 * decideInstall(spec, { entry, binaryPresent: true, builtVersion: 'v12.13.0' }, false);
 * // { action: 'skip', reason: 'v12.13.0 already installed' }
 */
export function decideInstall(
  spec: GoToolSpec,
  state: InstalledState,
  force: boolean,
): InstallDecision {
  const { entry } = state;
  if (force) return { action: 'install', reason: '--force' };
  if (!entry) return { action: 'install', reason: 'not installed' };
  if (!state.binaryPresent) {
    return {
      action: 'install',
      reason: `${spec.binary} is recorded but missing from the bin folder`,
    };
  }
  if (entry.goPackage !== spec.goPackage) {
    return { action: 'install', reason: `package changed from ${entry.goPackage}` };
  }
  if (entry.version !== spec.version) {
    return {
      action: 'install',
      reason: `version changed from ${entry.version} to ${spec.version}`,
    };
  }
  if ((entry.goToolchain ?? '') !== (spec.goToolchain ?? '')) {
    return {
      action: 'install',
      reason: `toolchain changed from ${entry.goToolchain ?? 'default'} to ${spec.goToolchain ?? 'default'}`,
    };
  }
  if (state.builtVersion !== undefined && state.builtVersion !== spec.version) {
    return {
      action: 'install',
      reason: `the binary was built from ${state.builtVersion}, not ${spec.version}`,
    };
  }
  return { action: 'skip', reason: `${spec.version} already installed` };
}
