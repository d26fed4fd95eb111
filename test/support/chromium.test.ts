import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, findChromium } from './chromium.js';

// Fake installs in a temporary folder: an executable script named like Chromium, a
// non-executable file with the same name, and a folder. Nothing here runs a browser.
let dir: string;
let bin: string;
let other: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gauntlet-chromium-'));
  bin = join(dir, 'bin');
  other = join(dir, 'other');
  await mkdir(bin);
  await mkdir(other);
  await writeFile(join(bin, 'chromium-browser'), '#!/bin/sh\nexit 0\n');
  await chmod(join(bin, 'chromium-browser'), 0o755);
  await writeFile(join(other, 'chromium'), 'not a program');
  await mkdir(join(other, 'google-chrome'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('findChromium', () => {
  it('finds Chromium on PATH under any of its names, not only /usr/bin/chromium', () => {
    expect(findChromium({ PATH: [other, bin].join(delimiter) })).toEqual({
      binary: join(bin, 'chromium-browser'),
      source: 'PATH',
    });
  });

  it('skips files that are not executable and folders named like it', () => {
    expect(findChromium({ PATH: other }).binary).toBeUndefined();
  });

  it('takes GAUNTLET_CHROMIUM before PATH', () => {
    const chosen = join(bin, 'chromium-browser');
    expect(findChromium({ GAUNTLET_CHROMIUM: chosen, PATH: '' })).toEqual({
      binary: chosen,
      source: 'GAUNTLET_CHROMIUM',
    });
  });

  it('reports a wrong GAUNTLET_CHROMIUM instead of falling back to PATH', () => {
    const wrong = join(other, 'chromium');
    expect(findChromium({ GAUNTLET_CHROMIUM: wrong, PATH: bin })).toEqual({
      binary: undefined,
      source: `GAUNTLET_CHROMIUM=${wrong} is not an executable file`,
    });
  });

  it('says where it looked when there is none, as the requirement describeNeeding prints', () => {
    const none = chromium({ PATH: other });
    expect(none.available).toBe(false);
    expect(none.name).toBe(
      'Chromium (none of chromium, chromium-browser, google-chrome, google-chrome-stable is on PATH and GAUNTLET_CHROMIUM is not set)',
    );
    expect(chromium({ PATH: bin })).toMatchObject({
      available: true,
      binary: join(bin, 'chromium-browser'),
    });
  });
});
