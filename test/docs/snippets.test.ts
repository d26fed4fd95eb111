// Every code snippet of the docs site lives in docs/snippets/ and is pulled into the pages with
// VitePress's `<<< @/snippets/…` include, so the code a reader sees is the code tested here:
// type-checked with the rest of the repo (tsconfig includes docs/), and run below.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DOCS = path.join(ROOT, 'docs');
const SNIPPETS = path.join(DOCS, 'snippets');

function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || entry.name === 'snippets') return [];
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? pages(full) : entry.name.endsWith('.md') ? [full] : [];
  });
}

const includes = pages(DOCS).flatMap((page) =>
  [...readFileSync(page, 'utf8').matchAll(/^<<< @\/snippets\/([^\s#{]+)/gm)].map((m) => ({
    page: path.relative(ROOT, page),
    file: m[1]!,
  })),
);

describe('docs snippets', () => {
  it('every include names a snippet that exists, and every snippet is shown somewhere', () => {
    const files = readdirSync(SNIPPETS).sort();
    for (const { page, file } of includes)
      expect(files, `${page} includes ${file}`).toContain(file);
    expect([...new Set(includes.map((i) => i.file))].sort()).toEqual(files);
  });

  // Runnable snippets are written for a project made by `gauntlet init`: run them in the
  // folder of its templates (vitest's forks pool gives this file its own process).
  const runnable = readdirSync(SNIPPETS).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'gauntlet.config.ts',
  );
  it.each(runnable)('%s runs as the page shows it', async (file) => {
    process.chdir(path.join(ROOT, 'templates/init'));
    const module = (await import(path.join(SNIPPETS, file))) as { default: () => Promise<void> };
    await module.default();
  });
});
