import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, relative, resolve } from 'node:path';
import { GauntletError } from '../../errors.js';
import { resolvePath } from '../../formats/types.js';
import { comparableDocument } from '../../verify/compat/comparable-document.js';
import { classifyChanges, parseOasdiffJson } from '../../verify/diff/changes.js';
import {
  buildDiffReport,
  type DiffFailOn,
  type DiffReport,
} from '../../verify/diff/diff-report.js';
import { type ConsumerPact, crossCheck } from '../../verify/diff/for-whom.js';
import { loadPaths } from '../fs/load-paths.js';
import { parseGitFileRef, readGitFile } from '../git/git.js';
import { runProcess } from '../process/run-process.js';
import { requireTool } from '../tools/find-tool.js';

/** A spec argument made into a file oasdiff can read. */
interface PreparedSpec {
  /** The path handed to oasdiff. */
  file: string;
  /** The service name (slug of the title) for finding the consumers' pacts. */
  name: string;
  openapiVersion: string;
}

export interface DiffSpecsOptions {
  cwd: string;
  /** Pact files or folders for "breaking for whom" (none: every breaking change is `unknown`). */
  pacts?: string[];
  failOn?: DiffFailOn;
  /** Provider name for pact lookup when the spec's title is not the pacts' provider name. */
  provider?: string;
  env?: Record<string, string | undefined>;
}

/** Either a report, or why there is nothing to compare (a missing base ref in CI). */
export type DiffSpecsResult =
  | { kind: 'report'; report: DiffReport }
  | { kind: 'skipped'; reason: string };

function versionOf(doc: Record<string, unknown>): string {
  return typeof doc.openapi === 'string'
    ? doc.openapi
    : typeof doc.swagger === 'string'
      ? doc.swagger
      : '';
}

async function prepare(
  arg: string,
  cwd: string,
  tmp: string,
  slot: string,
): Promise<{ ok: true; spec: PreparedSpec } | { ok: false; reason: string }> {
  const onDisk = resolve(cwd, arg);
  const exists = await stat(onDisk).then(
    (s) => s.isFile(),
    () => false,
  );
  let text: string;
  let file: string;
  let readOther: (path: string) => Promise<string>;
  if (exists) {
    text = await readFile(onDisk, 'utf8');
    const rel = relative(cwd, onDisk);
    file = rel.startsWith('..') ? onDisk : rel;
    readOther = (p) => readFile(resolve(cwd, p), 'utf8');
  } else {
    const ref = parseGitFileRef(arg);
    if (!ref)
      return { ok: false, reason: `${arg} is neither a file nor a <ref>:<path> git reference` };
    const got = await readGitFile(ref, cwd);
    if (!got.ok) return { ok: false, reason: `${arg} is not in git: ${got.reason}` };
    text = got.text;
    file = ref.path;
    readOther = async (p) => {
      const other = await readGitFile(
        { ref: ref.ref, path: resolvePath(ref.path, p).replace(/^\//, '') },
        cwd,
      );
      if (!other.ok) throw new Error(other.reason);
      return other.text;
    };
  }
  const doc = await comparableDocument(file, text, readOther);
  if (doc.kind !== 'spec') {
    const why = doc.diagnostics.map((d) => d.message).join('; ');
    return {
      ok: false,
      reason: `${arg} is not an OpenAPI or RAML document (${doc.kind === 'other' ? doc.reason : 'a pact'}${why ? `: ${why}` : ''})`,
    };
  }
  const isRaml = /^#%RAML/.test(text.trimStart());
  let target: string;
  if (isRaml) {
    // oasdiff reads OpenAPI only: the RAML goes through our AMF conversion first.
    target = join(tmp, `${slot}.json`);
    await writeFile(target, JSON.stringify(doc.spec.document));
  } else if (exists) {
    target = onDisk;
  } else {
    target = join(tmp, `${slot}${extname(file) || '.yaml'}`);
    await writeFile(target, text);
  }
  return {
    ok: true,
    spec: { file: target, name: doc.spec.name, openapiVersion: versionOf(doc.spec.document) },
  };
}

async function oasdiff(
  binary: string,
  command: 'breaking' | 'changelog',
  base: PreparedSpec,
  head: PreparedSpec,
  env: Record<string, string | undefined>,
): Promise<string> {
  const args = [command, base.file, head.file, '--format', 'json'];
  if (base.openapiVersion.slice(0, 3) !== head.openapiVersion.slice(0, 3))
    args.push('--auto-upgrade');
  const r = await runProcess(binary, args, { env, timeoutMs: 120_000 });
  if (r.code !== 0 || r.error !== undefined) {
    throw new GauntletError(
      'GAUNTLET_E_OASDIFF',
      `Failed to compare specs with oasdiff ${command}: because it ${r.error ?? `exited ${r.code}: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`}. Check that both specs are valid OpenAPI (\`gauntlet lint\`).`,
    );
  }
  return r.stdout;
}

async function consumerPacts(paths: readonly string[], cwd: string): Promise<ConsumerPact[]> {
  const sources = await loadPaths([...paths], { cwd });
  return sources.flatMap((s) =>
    s.service?.pact
      ? [
          {
            consumer: s.service.pact.consumer,
            provider: s.service.pact.provider,
            interactions: s.service.interactions,
          },
        ]
      : [],
  );
}

/**
 * Breaking changes between two versions of a spec, with oasdiff as the engine, checked against
 * the consumers' pacts. `base`/`head` are files or `<ref>:<path>` git references; RAML is
 * converted to OpenAPI first. A base that does not exist comes back as `skipped` with the reason.
 *
 * @example
 * const r = await diffSpecs('origin/main:contracts/openapi/inventory.yaml', 'contracts/openapi/inventory.yaml',
 *   { cwd, pacts: ['contracts/pacts'] });
 * if (r.kind === 'report' && !r.report.passed) process.exitCode = 1;
 */
export async function diffSpecs(
  base: string,
  head: string,
  options: DiffSpecsOptions,
): Promise<DiffSpecsResult> {
  const env = options.env ?? process.env;
  const tool = await requireTool('oasdiff', { projectRoot: options.cwd, env });
  const tmp = await mkdtemp(join(tmpdir(), 'gauntlet-diff-'));
  try {
    const b = await prepare(base, options.cwd, tmp, 'base');
    if (!b.ok) return { kind: 'skipped', reason: b.reason };
    const h = await prepare(head, options.cwd, tmp, 'head');
    if (!h.ok) {
      throw new GauntletError(
        'GAUNTLET_E_FILE_NOT_FOUND',
        `Failed to read the head spec: because ${h.reason}.`,
        {
          hint: 'Give the head spec as a file path or <ref>:<path>.',
        },
      );
    }
    const [breaking, changelog] = await Promise.all([
      oasdiff(tool.path, 'breaking', b.spec, h.spec, env),
      oasdiff(tool.path, 'changelog', b.spec, h.spec, env),
    ]);
    const provider = options.provider ?? h.spec.name;
    const shown = (source: string): string => {
      if (source.startsWith(`${tmp}/base`)) return source.replace(/^[^:]*/, base);
      if (source.startsWith(`${tmp}/head`)) return source.replace(/^[^:]*/, head);
      const rel = relative(options.cwd, source);
      return rel.startsWith('..') ? source : rel;
    };
    let changes = classifyChanges(parseOasdiffJson(breaking), parseOasdiffJson(changelog)).map(
      (c) => (c.source ? { ...c, source: shown(c.source) } : c),
    );
    if (options.pacts && options.pacts.length > 0) {
      changes = crossCheck(changes, provider, await consumerPacts(options.pacts, options.cwd));
    }
    return {
      kind: 'report',
      report: buildDiffReport({
        base,
        head,
        provider,
        changes,
        failOn: options.failOn ?? 'breaking',
      }),
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
