import { runProcess } from '../process/run-process.js';

/** A `<ref>:<path>` spec argument, e.g. `origin/main:contracts/openapi/inventory.yaml`. */
export interface GitFileRef {
  ref: string;
  path: string;
}

/**
 * Reads `ref:path` as a git file reference when the argument is not an existing file: the part
 * before the first colon is the ref, the rest a path from the repository root. URLs are not refs.
 *
 * @example
 * parseGitFileRef('origin/main:contracts/openapi/inventory.yaml');
 * // { ref: 'origin/main', path: 'contracts/openapi/inventory.yaml' }
 */
export function parseGitFileRef(arg: string): GitFileRef | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) return undefined;
  const colon = arg.indexOf(':');
  if (colon <= 0 || colon === arg.length - 1) return undefined;
  return { ref: arg.slice(0, colon), path: arg.slice(colon + 1).replace(/^\.\//, '') };
}

async function git(
  args: string[],
  cwd: string,
): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  const r = await runProcess('git', args, { env: process.env, cwd, timeoutMs: 30_000 });
  return {
    ok: r.code === 0 && r.error === undefined,
    stdout: r.stdout,
    stderr: r.error ?? r.stderr,
  };
}

/**
 * The text of `path` at `ref` (`git show ref:path`), or why it is not there. `path` is relative
 * to the repository root, as git writes it.
 *
 * @example
 * const r = await readGitFile({ ref: 'main', path: 'contracts/openapi/inventory.yaml' }, cwd);
 * if (r.ok) parse(r.text);
 */
export async function readGitFile(
  file: GitFileRef,
  cwd: string,
): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
  const r = await git(['show', `${file.ref}:${file.path}`], cwd);
  if (r.ok) return { ok: true, text: r.stdout };
  return { ok: false, reason: r.stderr.trim().split('\n')[0] ?? 'git show failed' };
}

/** True when `ref` names a commit in the repository at `cwd`. */
export async function gitRefExists(ref: string, cwd: string): Promise<boolean> {
  return (await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd)).ok;
}

/** The current commit and branch, for default pacticipant versions; undefined outside a repo. */
export async function gitHead(cwd: string): Promise<{ sha: string; branch?: string } | undefined> {
  const sha = await git(['rev-parse', 'HEAD'], cwd);
  if (!sha.ok) return undefined;
  const branch = await git(['rev-parse', '--abbrev-ref', 'HEAD'], cwd);
  const name = branch.stdout.trim();
  return {
    sha: sha.stdout.trim(),
    ...(branch.ok && name !== '' && name !== 'HEAD' ? { branch: name } : {}),
  };
}
