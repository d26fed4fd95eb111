import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../report/types.js';
import { writeAtomic } from '../fs/write-atomic.js';
import { writeReports } from './write-reports.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const summary: RunSummary = {
  status: 'passed',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 10,
  stages: [
    {
      name: 'contracts',
      title: 'Contracts',
      status: 'passed',
      durationMs: 5,
      summary: 'ok',
      checks: [],
    },
  ],
};

describe('writeReports', () => {
  it('creates the folder and writes summary.json and index.html, leaving no temp files', async () => {
    const base = await mkdtemp(join(tmpdir(), 'gauntlet-report-'));
    dirs.push(base);
    const dir = join(base, 'nested', 'reports');
    const written = await writeReports(summary, dir);
    expect(written).toEqual({ html: join(dir, 'index.html'), json: join(dir, 'summary.json') });
    expect((await readdir(dir)).sort()).toEqual(['index.html', 'summary.json']);
    expect(JSON.parse(await readFile(written.json, 'utf8'))).toEqual(summary);
    expect(await readFile(written.html, 'utf8')).toContain('data-stage="contracts"');
  });
});

describe('writeAtomic', () => {
  it('replaces an existing file whole', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gauntlet-atomic-'));
    dirs.push(dir);
    const file = join(dir, 'a.txt');
    await writeAtomic(file, 'old');
    await writeAtomic(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['a.txt']);
  });

  it('cleans up its temp file when the folder does not exist', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gauntlet-atomic-'));
    dirs.push(dir);
    await expect(writeAtomic(join(dir, 'missing', 'a.txt'), 'x')).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });
});
