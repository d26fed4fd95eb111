import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The shop is the tutorial: it uses Gauntlet as any project would, by package name (gauntlet,
// gauntlet/msw, gauntlet/vitest, gauntlet/client-runtime), never by a path into this
// repository's src/ or dist/.
const SHOP = fileURLToPath(new URL('..', import.meta.url));
const REPO = resolve(SHOP, '../..');

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(full)));
    else if (/\.(ts|js|mjs)$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** Every module specifier of a file: static and dynamic imports, re-exports. */
function specifiers(text: string): string[] {
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

describe('the example shop imports Gauntlet by package name only', () => {
  it('no file reaches into src/ or dist/ of the repository', async () => {
    const offenders: string[] = [];
    const files = await sources(SHOP);
    for (const file of files) {
      for (const spec of specifiers(await readFile(file, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = relative(REPO, resolve(file, '..', spec));
        if (/^(src|dist)\//.test(target)) offenders.push(`${relative(REPO, file)}: ${spec}`);
      }
    }
    expect(files.length).toBeGreaterThan(40);
    expect(offenders).toEqual([]);
  });
});
