import { chmod, mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

/**
 * Test support: a zip archive (a jar) holding `files`, the first stored and the others deflated,
 * so both methods jars use are read. Exported for tests only.
 */
export function buildZip(files: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  Object.entries(files).forEach(([name, content], index) => {
    const method = index === 0 ? 0 : 8;
    const data = method === 0 ? content : deflateRawSync(content);
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(content), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc32(content), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  });
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * Test support: writes a fake `mvn` (and a fake `java` beside it) into `dir`. It appends each
 * call's arguments to `$FAKE_MVN_LOG`, answers `mvn -v`, and for `dependency:copy
 * -Dartifact=G:A:V:jar -DoutputDirectory=D` copies `$FAKE_MVN_JAR` to `D/A-V.jar`. With
 * `FAKE_MVN_FAIL` set it fails the way Maven does when Central cannot be reached.
 */
export async function writeFakeMaven(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'mvn');
  const script = `#!/bin/sh
printf '%s\\n' "$*" >> "$FAKE_MVN_LOG"
if [ "$1" = -v ]; then echo "Apache Maven 3.99.0-fake"; exit 0; fi
if [ -n "$FAKE_MVN_FAIL" ]; then
  echo "[ERROR] Failed to execute goal: Could not transfer artifact from/to central" >&2
  exit 1
fi
artifact=""; out=""
for arg in "$@"; do
  case "$arg" in
    -Dartifact=*) artifact="\${arg#-Dartifact=}";;
    -DoutputDirectory=*) out="\${arg#-DoutputDirectory=}";;
  esac
done
rest="\${artifact#*:}"; id="\${rest%%:*}"; rest="\${rest#*:}"; version="\${rest%%:*}"
/bin/cp "$FAKE_MVN_JAR" "$out/$id-$version.jar"
`;
  await writeFile(file, script, 'utf8');
  await chmod(file, 0o755);
  await writeFile(path.join(dir, 'java'), '#!/bin/sh\necho fake java\n', 'utf8');
  await chmod(path.join(dir, 'java'), 0o755);
  return file;
}
