import { describe, expect, it } from 'vitest';
import { gitHead, parseGitFileRef, readGitFile } from './git.js';

describe('parseGitFileRef', () => {
  it('splits ref and path at the first colon', () => {
    expect(parseGitFileRef('origin/main:contracts/openapi/inventory.yaml')).toEqual({
      ref: 'origin/main',
      path: 'contracts/openapi/inventory.yaml',
    });
    expect(parseGitFileRef('HEAD~1:./a.yaml')).toEqual({ ref: 'HEAD~1', path: 'a.yaml' });
  });
  it('does not take URLs or plain paths for refs', () => {
    expect(parseGitFileRef('https://example.com/a.yaml')).toBeUndefined();
    expect(parseGitFileRef('contracts/a.yaml')).toBeUndefined();
    expect(parseGitFileRef(':a.yaml')).toBeUndefined();
  });
});

describe('readGitFile', () => {
  it('reads a committed file at HEAD and explains a missing one', async () => {
    const cwd = process.cwd();
    const ok = await readGitFile({ ref: 'HEAD', path: 'package.json' }, cwd);
    expect(ok.ok && ok.text.includes('"name": "gauntlet"')).toBe(true);
    const missing = await readGitFile({ ref: 'HEAD', path: 'no/such/file.yaml' }, cwd);
    expect(missing.ok).toBe(false);
    expect(await gitHead(cwd)).toMatchObject({ sha: expect.stringMatching(/^[0-9a-f]{40}$/) });
  });
});
