import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './errors.js';

const root = new URL('..', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('error codes', () => {
  const documented = new Set(
    [
      ...readFileSync(join(root, 'docs/errors.md'), 'utf8').matchAll(
        /^## (GAUNTLET_[EWI]_[A-Z0-9_]+)$/gm,
      ),
    ].map((m) => m[1]),
  );

  const documentedDiagnostics = new Set(
    [
      ...readFileSync(join(root, 'docs/errors.md'), 'utf8').matchAll(
        /^## ([a-z]+\.[a-z0-9.-]+)$/gm,
      ),
    ].map((m) => m[1]),
  );

  it('documents every registered code in docs/errors.md', () => {
    const missing = Object.keys(ERROR_CODES).filter((code) => !documented.has(code));
    expect(missing).toEqual([]);
  });

  it('documents every diagnostic code the mock server and the checks send', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(root, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(
        /'((?:mock|lint|verify|raml)\.[a-z0-9-]+(?:\.[a-z0-9-]+)*)'/g,
      )) {
        // Config keys such as 'mock.port' name fields, not diagnostics.
        if (!/^mock\.(port|names)$/.test(m[1]!)) used.add(m[1]!);
      }
    }
    const undocumented = [...used].filter((code) => !documentedDiagnostics.has(code)).sort();
    expect(undocumented).toEqual([]);
  });

  it('registers every code that src/ uses', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(root, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bGAUNTLET_E_[A-Z0-9_]+\b/g))
        used.add(m[0]);
    }
    const unregistered = [...used].filter((code) => !(code in ERROR_CODES));
    expect(unregistered).toEqual([]);
  });
});
