// The generated reference pages cannot drift from the code: regenerate with
// `npm run docs:reference` when this fails.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED } from '../../scripts/docs-reference.js';

describe('generated reference pages', () => {
  it.each(Object.keys(GENERATED))('%s is what scripts/docs-reference.ts writes', (file) => {
    expect(readFileSync(file, 'utf8')).toBe(GENERATED[file]!());
  });
});
