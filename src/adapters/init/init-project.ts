import { existsSync } from 'node:fs';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { GauntletError } from '../../errors.js';
import { packageRoot } from '../containers/images.js';
import { walkFiles } from '../fs/walk-files.js';
import { writeAtomic } from '../fs/write-atomic.js';
import { CI_TARGETS, type InitCi, planInit } from './plan-init.js';

export interface InitResult {
  /** Files written, relative to the project folder. */
  created: string[];
  /** Files left alone because they exist. */
  skipped: string[];
  /** package.json: created, or the scripts added to it and the ones left as they were. */
  packageJson: { created: boolean; added: string[]; kept: string[] };
  ci: InitCi;
}

/** The init templates by their `/`-separated path under `dir`, through the one folder walker. */
async function readTemplates(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of await walkFiles(dir, { match: /./ })) {
    out[path.relative(dir, file).split(path.sep).join('/')] = await readFile(file, 'utf8');
  }
  return out;
}

/**
 * Creates `file` with `content` unless it exists — atomically: the content goes to a temporary
 * file first and is hard-linked into place, which fails if the target appeared meanwhile, so a
 * file is never half-written and never overwritten. Returns false when the file existed.
 */
async function createExclusive(file: string, content: string): Promise<boolean> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.init.tmp`;
  await writeFile(temp, content);
  try {
    await link(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * `gauntlet init`: a commented `gauntlet.config.ts`, `contracts/` with a sample contract,
 * `mocks/`, the CI template of the project's CI and package.json scripts — never overwriting a
 * file (what exists is reported as skipped; package.json only gains scripts whose names are free).
 *
 * @example
 * const result = await initProject({ cwd: process.cwd(), ci: 'github' });
 * console.log(result.created, result.skipped);
 */
export async function initProject(options: { cwd: string; ci: InitCi }): Promise<InitResult> {
  const root = packageRoot();
  const templates = await readTemplates(path.join(root, 'templates', 'init'));
  const ciTemplates: Partial<Record<Exclude<InitCi, 'none'>, string>> = {};
  for (const [ci, target] of Object.entries(CI_TARGETS) as Array<
    [Exclude<InitCi, 'none'>, { template: string }]
  >) {
    ciTemplates[ci] = await readFile(path.join(root, 'ci', target.template), 'utf8');
  }
  const plan = planInit({ ci: options.ci, templates, ciTemplates });
  const created: string[] = [];
  const skipped: string[] = [];
  for (const file of plan.files) {
    const target = path.join(options.cwd, ...file.path.split('/'));
    if (await createExclusive(target, file.content)) created.push(file.path);
    else skipped.push(file.path);
  }

  const pkgFile = path.join(options.cwd, 'package.json');
  const packageJson: InitResult['packageJson'] = { created: false, added: [], kept: [] };
  let pkg: Record<string, unknown>;
  if (existsSync(pkgFile)) {
    try {
      pkg = JSON.parse(await readFile(pkgFile, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new GauntletError(
        'GAUNTLET_E_CONFIG',
        `Failed to add scripts to package.json: because it is not valid JSON (${(error as Error).message}). Fix it and run \`gauntlet init\` again; the other files are written.`,
      );
    }
  } else {
    pkg = {
      name: path
        .basename(options.cwd)
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-'),
      private: true,
      type: 'module',
    };
    packageJson.created = true;
  }
  const scripts = { ...((pkg.scripts as Record<string, string> | undefined) ?? {}) };
  for (const [name, command] of Object.entries(plan.scripts)) {
    if (scripts[name] === undefined) {
      scripts[name] = command;
      packageJson.added.push(name);
    } else if (scripts[name] !== command) {
      packageJson.kept.push(name);
    }
  }
  if (packageJson.created || packageJson.added.length > 0) {
    const indent = packageJson.created
      ? '  '
      : (/^(\s+)"/m.exec(await readFile(pkgFile, 'utf8'))?.[1] ?? '  ');
    const text = `${JSON.stringify({ ...pkg, scripts }, null, indent)}\n`;
    await writeAtomic(pkgFile, text);
  }
  return { created, skipped, packageJson, ci: options.ci };
}
