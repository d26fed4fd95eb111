import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
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
      ]),
    };
    expect(importCircles(broken)).toEqual([['adapters/a.ts', 'run/b.ts']]);
    expect(fenceBreaches(broken).map((b) => `${b.from} → ${b.to}`)).toEqual([
      'adapters/a.ts → run/b.ts',
      'run/b.ts → mock/compile.ts',
    ]);
  });
});
