import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  FENCES,
  type FenceBreach,
  fenceBreaches,
  importCircles,
  readImportGraph,
} from '../scripts/import-graph.js';

const graph = readImportGraph(fileURLToPath(new URL('../src', import.meta.url)));

describe('the rooms of src/ (docs/architecture.md)', () => {
  it('has no import circle', () => {
    expect(importCircles(graph)).toEqual([]);
  });

  it('keeps every room behind its fence', () => {
    expect(fenceBreaches(graph).map((b: FenceBreach) => `${b.from} → ${b.to}: ${b.why}`)).toEqual(
      [],
    );
  });

  it('finds a circle and a breach when there is one (the checks can fail)', () => {
    const broken = {
      edges: new Map([
        ['adapters/a.ts', ['run/b.ts']],
        ['run/b.ts', ['adapters/a.ts', 'mock/compile.ts']],
        ['cli/commands/c.ts', ['adapters/fs/walk-files.ts', 'cli/command.ts', 'index.ts']],
      ]),
    };
    expect(importCircles(broken)).toEqual([['adapters/a.ts', 'run/b.ts']]);
    expect(fenceBreaches(broken).map((b) => `${b.from} → ${b.to}`)).toEqual([
      'adapters/a.ts → run/b.ts',
      'run/b.ts → mock/compile.ts',
      'cli/commands/c.ts → adapters/fs/walk-files.ts',
    ]);
  });
});

interface BiomeOverride {
  includes: string[];
  linter?: { rules?: { style?: Record<string, unknown> } };
}

describe('the Biome fences (biome.json) agree with the rooms', () => {
  const overrides: BiomeOverride[] = JSON.parse(
    readFileSync(fileURLToPath(new URL('../biome.json', import.meta.url)), 'utf8'),
  ).overrides;
  const rooms = (o: BiomeOverride) =>
    o.includes.filter((i) => !i.startsWith('!')).map((i) => i.replace(/^src\/|\*\*$/g, ''));

  it('keeps every pure room (the import-graph fence) off node:* and the process/console globals', () => {
    const pure = overrides.find((o) => o.linter?.rules?.style?.noRestrictedGlobals);
    const graphPure = FENCES.find((f) => f.to.includes('adapters/') && f.to.includes('system/'));
    expect(pure).toBeDefined();
    expect(graphPure).toBeDefined();
    expect(JSON.stringify(pure!.linter!.rules!.style!.noRestrictedImports)).toContain('node:*');
    expect(new Set(rooms(pure!))).toEqual(new Set(graphPure!.from));
  });

  it('keeps src/cli on the public API (src/index.ts) and its own files', () => {
    const cli = overrides.filter((o) => o.includes.some((i) => i.startsWith('src/cli/')));
    expect(cli.map((o) => o.includes.filter((i) => !i.startsWith('!')))).toEqual([
      ['src/cli/*.ts'],
      ['src/cli/commands/**'],
    ]);
    for (const o of cli) {
      const text = JSON.stringify(o.linter?.rules?.style?.noRestrictedImports);
      expect(text).toMatch(/"\.\.\/(\.\.\/)?\*\*","!\.\.\/(\.\.\/)?index\.js"/);
    }
  });
});
