// biome-ignore lint/style/noRestrictedImports: the test compares positions on real pact files from the shared corpus.
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parseJsonOrYaml } from '../parse.js';
import { topLevelArrayPositions } from './json-positions.js';

describe('topLevelArrayPositions', () => {
  it('finds each element of the named top-level arrays, skipping strings and nested arrays', () => {
    const text =
      '{"a": "[not, an, array]", "interactions": [\n  {"x": [1, 2], "s": "},{"},\n  "two",\n  [3]\n], "other": [1]}';
    expect(topLevelArrayPositions('f.json', text, ['interactions', 'other'])).toEqual(
      new Map([
        [
          'interactions',
          [
            { file: 'f.json', line: 2, column: 3, pointer: '/interactions/0' },
            { file: 'f.json', line: 3, column: 3, pointer: '/interactions/1' },
            { file: 'f.json', line: 4, column: 3, pointer: '/interactions/2' },
          ],
        ],
        ['other', [{ file: 'f.json', line: 5, column: 14, pointer: '/other/0' }]],
      ]),
    );
  });

  it('ignores keys of nested objects and returns undefined for non-objects', () => {
    expect(topLevelArrayPositions('f', '{"a": {"interactions": [1]}}', ['interactions'])).toEqual(
      new Map(),
    );
    expect(topLevelArrayPositions('f', '[1]', ['interactions'])).toBeUndefined();
    expect(topLevelArrayPositions('f', 'a: 1', ['interactions'])).toBeUndefined();
  });

  it('agrees with ParsedDocument.locate on every pact of the corpus', async () => {
    const corpus = new URL('../../../../shared/corpus/pacts/', import.meta.url);
    const files = (await readdir(corpus, { recursive: true })).filter((f) => f.endsWith('.json'));
    let compared = 0;
    for (const name of files) {
      const text = await readFile(new URL(name, corpus), 'utf8');
      const parsed = parseJsonOrYaml(name, text);
      if (!parsed.ok) throw new Error(`${name} does not parse`);
      const positions = topLevelArrayPositions(name, text, ['interactions', 'messages']);
      const count =
        (parseDocument(text).toJS() as { interactions?: unknown[] }).interactions?.length ?? 0;
      expect(positions?.get('interactions')?.length ?? 0, name).toBe(count);
      for (const location of positions?.get('interactions') ?? []) {
        expect(location, name).toEqual(parsed.document.locate(location.pointer ?? ''));
        compared++;
      }
    }
    expect(compared).toBe(30);
  });
});
