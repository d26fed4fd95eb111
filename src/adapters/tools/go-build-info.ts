import { readFile } from 'node:fs/promises';

/** What a Go binary (Go 1.18+) says about how it was built. */
export interface GoBuildInfo {
  /** The Go release that built it, e.g. `go1.26.8`. */
  goVersion: string;
  /** The main package's import path (`path` line). */
  path?: string;
  /** The main module and its version (`mod` line), e.g. `v2.12.0` or `(devel)`. */
  module?: { path: string; version: string };
}

// `go install` builds carry no release ldflags, so their version flags print placeholders; the
// build info that the Go linker embeds always names the module version. Layout (debug/buildinfo):
// a 32-byte header starting with this magic, byte 14 = pointer size, byte 15 = flags; with flag
// 0x2 the Go version and the module info follow the header as uvarint-length-prefixed strings.
const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const HEADER_SIZE = 32;
const FLAG_VERSION_INLINE = 0x2;

function readUvarint(buf: Buffer, offset: number): { value: number; next: number } | undefined {
  let value = 0;
  let shift = 0;
  for (let i = offset; i < buf.length && shift < 35; i++) {
    const byte = buf[i]!;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return { value, next: i + 1 };
    shift += 7;
  }
  return undefined;
}

function readString(buf: Buffer, offset: number): { text: string; next: number } | undefined {
  const len = readUvarint(buf, offset);
  if (!len || len.next + len.value > buf.length) return undefined;
  return {
    text: buf.subarray(len.next, len.next + len.value).toString('utf8'),
    next: len.next + len.value,
  };
}

/**
 * Parses Go build info out of a binary's bytes; undefined when there is none (not a Go
 * binary, or one older than Go 1.18).
 *
 * @example
 * parseGoBuildInfo(await readFile('.gauntlet/bin/vegeta'))?.module?.version; // 'v12.13.0'
 */
export function parseGoBuildInfo(buf: Buffer): GoBuildInfo | undefined {
  let at = buf.indexOf(MAGIC);
  while (at !== -1) {
    const flags = buf[at + 15];
    if (flags !== undefined && (flags & FLAG_VERSION_INLINE) !== 0) {
      const version = readString(buf, at + HEADER_SIZE);
      const mod = version ? readString(buf, version.next) : undefined;
      if (version?.text.startsWith('go') && mod)
        return { goVersion: version.text, ...parseModInfo(mod.text) };
    }
    at = buf.indexOf(MAGIC, at + 1);
  }
  return undefined;
}

function parseModInfo(text: string): Pick<GoBuildInfo, 'path' | 'module'> {
  const out: Pick<GoBuildInfo, 'path' | 'module'> = {};
  for (const line of text.split('\n')) {
    // The first line may carry 16 sentinel bytes before `path`; the fields are tab-separated.
    const fields = line.split('\t');
    const key = fields[0]?.slice(-4);
    if (key === 'path' && fields[1] !== undefined && out.path === undefined) out.path = fields[1];
    if (fields[0] === 'mod' && fields[1] !== undefined && fields[2] !== undefined) {
      out.module = { path: fields[1], version: fields[2] };
    }
  }
  return out;
}

/** Reads a file and parses its Go build info; undefined when unreadable or not a Go binary. */
export async function readGoBuildInfo(file: string): Promise<GoBuildInfo | undefined> {
  try {
    return parseGoBuildInfo(await readFile(file));
  } catch {
    return undefined;
  }
}
