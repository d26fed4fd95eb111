import { inflateRawSync } from 'node:zlib';

/**
 * Takes one file out of a zip archive (a jar) held in memory: the central directory says where
 * the entry is and how it is stored (stored or deflated, the two methods jars use). Returns
 * undefined when the archive has no such entry; throws when the archive is not a readable zip.
 * `unzip` is not on every machine, and a jar is small enough to read whole.
 *
 * @example
 * const binary = readZipEntry(await readFile('hoverfly-java-0.20.2.jar'), 'binaries/hoverfly_linux_amd64');
 */
export function readZipEntry(zip: Buffer, name: string): Buffer | undefined {
  const end = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt central directory');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const entryName = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (entryName !== name) continue;
    if (zip.readUInt32LE(localHeader) !== 0x04034b50) throw new Error('corrupt local header');
    const dataStart =
      localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    const out = method === 0 ? Buffer.from(data) : method === 8 ? inflateRawSync(data) : undefined;
    if (!out) throw new Error(`entry ${name} uses compression method ${method}`);
    if (out.length !== size) throw new Error(`entry ${name} is ${out.length} bytes, not ${size}`);
    return out;
  }
  return undefined;
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 64 KiB, at the very end.
  const stop = Math.max(0, zip.length - 22 - 0xffff);
  for (let i = zip.length - 22; i >= stop; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) return i;
  }
  throw new Error('not a zip archive (no end of central directory record)');
}
