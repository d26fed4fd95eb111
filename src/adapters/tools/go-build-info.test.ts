import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGoBuildInfo, readGoBuildInfo } from './go-build-info.js';

function uvarint(n: number): Buffer {
  const bytes: number[] = [];
  let rest = n;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** Lays out build info the way the Go 1.18+ linker does (header + inline strings). */
function fakeBinary(goVersion: string, modinfo: string, flags = 0x2): Buffer {
  const header = Buffer.alloc(32);
  Buffer.from('\xff Go buildinf:', 'latin1').copy(header);
  header[14] = 8;
  header[15] = flags;
  const sentinel = Buffer.alloc(16, 0x30);
  const mod = Buffer.concat([sentinel, Buffer.from(modinfo), sentinel]);
  const version = Buffer.from(goVersion);
  return Buffer.concat([
    Buffer.from('\x7fELF some code before the data section'),
    Buffer.alloc(13),
    header,
    uvarint(version.length),
    version,
    uvarint(mod.length),
    mod,
    Buffer.from('trailing bytes'),
  ]);
}

const modinfo = [
  'path\tgithub.com/tsenart/vegeta/v12',
  'mod\tgithub.com/tsenart/vegeta/v12\tv12.13.0\th1:abc=',
  `dep\tgithub.com/example/long\tv1.0.0\th1:${'x'.repeat(200)}=`,
  'build\tGOOS=linux',
  '',
].join('\n');

describe('parseGoBuildInfo', () => {
  it('reads the Go version, main package and module version (multi-byte lengths included)', () => {
    expect(parseGoBuildInfo(fakeBinary('go1.26.8', modinfo))).toEqual({
      goVersion: 'go1.26.8',
      path: 'github.com/tsenart/vegeta/v12',
      module: { path: 'github.com/tsenart/vegeta/v12', version: 'v12.13.0' },
    });
  });

  it('returns undefined for files that are not Go binaries', () => {
    expect(parseGoBuildInfo(Buffer.from('#!/bin/sh\necho hi\n'))).toBeUndefined();
  });

  it('returns undefined for the pre-1.18 pointer layout it does not read', () => {
    expect(parseGoBuildInfo(fakeBinary('go1.17', modinfo, 0x0))).toBeUndefined();
  });

  it('reads from a file, and returns undefined for a missing one', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gauntlet-buildinfo-'));
    try {
      const file = path.join(dir, 'vegeta');
      await writeFile(file, fakeBinary('go1.26.8', modinfo));
      expect((await readGoBuildInfo(file))?.module?.version).toBe('v12.13.0');
      expect(await readGoBuildInfo(path.join(dir, 'nope'))).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
