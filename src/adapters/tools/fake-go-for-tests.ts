import { chmod, mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Test support: writes a fake `go` into `dir` so setup's real spawn path runs without the
 * network. It appends each call's arguments (and, for installs, GOBIN and GOTOOLCHAIN) to
 * `$FAKE_GO_LOG`, answers `go version`, and for `go install PKG@VER` writes an executable named
 * the way go names it (last path element, major-version suffix dropped) into `$GOBIN`. Setting
 * `FAKE_GO_REFUSE=PKG` makes it fail for that package the way go reports a module-proxy refusal.
 * Exported for tests only; nothing in Gauntlet calls it.
 */
export async function writeFakeGo(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'go');
  const script = `#!/bin/sh
printf '%s\\n' "$*" >> "$FAKE_GO_LOG"
if [ "$1" = version ]; then echo "go version go1.99.1 linux/amd64"; exit 0; fi
target="$2"
pkg="\${target%@*}"
name="\${pkg##*/}"
case "$name" in v[0-9]*) parent="\${pkg%/*}"; name="\${parent##*/}";; esac
if [ -n "$FAKE_GO_REFUSE" ] && [ "$FAKE_GO_REFUSE" = "$pkg" ]; then
  echo "go: $target: reading https://proxy.golang.org/$pkg/@v/list: 403 Forbidden" >&2
  printf '\\tserver response: This module version is not available.\\n' >&2
  exit 1
fi
printf '#!/bin/sh\\necho "%s version 0.0.0-fake"\\n' "$name" > "$GOBIN/$name"
/bin/chmod +x "$GOBIN/$name"
echo "  GOBIN=$GOBIN GOTOOLCHAIN=$GOTOOLCHAIN" >> "$FAKE_GO_LOG"
`;
  await writeFile(file, script, 'utf8');
  await chmod(file, 0o755);
  return file;
}

/**
 * Test support: writes an executable shell script `name` into `dir` that prints `output`
 * (with the shell's builtin printf, so it runs whatever PATH the test sets).
 */
export async function writeFakeBinary(dir: string, name: string, output: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  const quoted = `'${output.replaceAll("'", "'\\''")}'`;
  await writeFile(file, `#!/bin/sh\nprintf '%s\\n' ${quoted}\n`, 'utf8');
  await chmod(file, 0o755);
  return file;
}
