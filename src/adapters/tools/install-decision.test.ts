import { describe, expect, it } from 'vitest';
import { decideInstall } from './install-decision.js';
import type { GoManifestEntry } from './manifest.js';
import { type GoToolSpec, goTools } from './tools.js';

const vegeta = goTools().find((t) => t.name === 'vegeta')!;
const entry: GoManifestEntry = {
  binary: 'vegeta',
  goPackage: vegeta.goPackage,
  version: vegeta.version,
  goVersion: 'go1.26.8',
  installedAt: '2026-01-01T00:00:00.000Z',
};

describe('decideInstall', () => {
  it('skips when the manifest has the pin and the binary is there', () => {
    expect(
      decideInstall(vegeta, { entry, binaryPresent: true, builtVersion: undefined }, false),
    ).toEqual({
      action: 'skip',
      reason: 'v12.13.0 already installed',
    });
    expect(
      decideInstall(vegeta, { entry, binaryPresent: true, builtVersion: 'v12.13.0' }, false),
    ).toEqual({
      action: 'skip',
      reason: 'v12.13.0 already installed',
    });
  });

  it('installs what was never installed', () => {
    expect(
      decideInstall(
        vegeta,
        { entry: undefined, binaryPresent: true, builtVersion: undefined },
        false,
      ),
    ).toEqual({
      action: 'install',
      reason: 'not installed',
    });
  });

  it('reinstalls when the binary was deleted', () => {
    expect(
      decideInstall(vegeta, { entry, binaryPresent: false, builtVersion: undefined }, false),
    ).toEqual({
      action: 'install',
      reason: 'vegeta is recorded but missing from the bin folder',
    });
  });

  it('reinstalls when the pin moved', () => {
    const old = { ...entry, version: 'v12.12.0' };
    expect(
      decideInstall(vegeta, { entry: old, binaryPresent: true, builtVersion: 'v12.12.0' }, false),
    ).toEqual({
      action: 'install',
      reason: 'version changed from v12.12.0 to v12.13.0',
    });
  });

  it('reinstalls when the package or toolchain changed', () => {
    const moved = { ...entry, goPackage: 'github.com/tsenart/vegeta' };
    expect(
      decideInstall(vegeta, { entry: moved, binaryPresent: true, builtVersion: undefined }, false),
    ).toEqual({
      action: 'install',
      reason: 'package changed from github.com/tsenart/vegeta',
    });
    const withToolchain: GoToolSpec = { ...vegeta, goToolchain: 'go1.27.3' };
    expect(
      decideInstall(withToolchain, { entry, binaryPresent: true, builtVersion: undefined }, false),
    ).toEqual({
      action: 'install',
      reason: 'toolchain changed from default to go1.27.3',
    });
  });

  it('reinstalls when the binary itself says another version than the manifest', () => {
    expect(
      decideInstall(vegeta, { entry, binaryPresent: true, builtVersion: 'v12.8.4' }, false),
    ).toEqual({
      action: 'install',
      reason: 'the binary was built from v12.8.4, not v12.13.0',
    });
  });

  it('reinstalls anything with --force', () => {
    expect(
      decideInstall(vegeta, { entry, binaryPresent: true, builtVersion: 'v12.13.0' }, true),
    ).toEqual({
      action: 'install',
      reason: '--force',
    });
  });
});
