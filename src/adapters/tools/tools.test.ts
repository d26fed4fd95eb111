import { describe, expect, it } from 'vitest';
import { getToolSpec, goTools, setupCommandFor, TOOL_NAMES, TOOLS } from './tools.js';

describe('the pinned tool table', () => {
  it('lists the five tools in install order', () => {
    expect(TOOL_NAMES).toEqual([
      'toxiproxy-server',
      'toxiproxy-cli',
      'vegeta',
      'oasdiff',
      'hoverfly',
    ]);
  });

  it('has unique names, binaries and env vars', () => {
    for (const key of ['name', 'binary', 'envVar'] as const) {
      const values = TOOLS.map((t) => t[key]);
      expect(new Set(values).size).toBe(values.length);
    }
  });

  it.each(goTools().map((t) => [t.name, t] as const))(
    '%s has every field filled in consistently',
    (_, t) => {
      expect(t.name).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(t.binary).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(t.version).toMatch(/^v\d+\.\d+\.\d+$/);
      expect(t.envVar).toMatch(/^GAUNTLET_[A-Z0-9_]+$/);
      expect(t.envVar).toBe(`GAUNTLET_${t.binary.toUpperCase().replaceAll('-', '_')}`);
      // The package lives in the module, and go names the binary after the package's last element.
      expect(t.goPackage === t.goModule || t.goPackage.startsWith(`${t.goModule}/`)).toBe(true);
      const elements = t.goPackage.split('/');
      const last = elements.at(-1)!;
      expect(t.installedName).toBe(/^v\d+$/.test(last) ? elements.at(-2) : last);
      // A module at major version N ≥ 2 carries /vN in its path, and the pin must be that major.
      const major = /\/v(\d+)$/.exec(t.goModule)?.[1];
      if (major !== undefined) expect(t.version.startsWith(`v${major}.`)).toBe(true);
      expect(t.versionQuery.args.length).toBeGreaterThan(0);
      expect(t.versionQuery.pattern.source).toContain('(');
      expect(t.usedFor).not.toBe('');
      if (t.goToolchain !== undefined) expect(t.goToolchain).toMatch(/^go\d+\.\d+\.\d+$/);
    },
  );

  it('reads versions out of release builds and ignores go-install placeholders', () => {
    const read = (name: string, printed: string) =>
      getToolSpec(name)?.versionQuery.pattern.exec(printed)?.[1];
    expect(read('toxiproxy-server', 'toxiproxy-server version 2.12.0')).toBe('2.12.0');
    expect(read('toxiproxy-server', 'toxiproxy-server version git')).toBeUndefined();
    expect(read('toxiproxy-cli', 'toxiproxy-cli version v2.12.0')).toBe('2.12.0');
    expect(read('vegeta', 'Version: v12.13.0\nCommit: abc\n')).toBe('12.13.0');
    expect(read('vegeta', 'Version: \nCommit: \nRuntime: go1.26.8 linux/amd64\n')).toBeUndefined();
    expect(read('oasdiff', 'oasdiff version 1.37.0')).toBe('1.37.0');
    expect(read('oasdiff', 'oasdiff version main')).toBeUndefined();
    expect(read('hoverfly', 'v1.10.13\n')).toBe('1.10.13');
  });

  it('gives the exact fix command and no spec for unknown names', () => {
    expect(setupCommandFor('hoverfly')).toBe('npx gauntlet setup --only hoverfly');
    expect(getToolSpec('wiremock')).toBeUndefined();
  });
});
