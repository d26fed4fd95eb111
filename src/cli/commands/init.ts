import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { detectCi, GauntletError, type InitCi, initProject } from '../../index.js';
import type { CommandContext } from '../command.js';

const CIS: readonly InitCi[] = ['github', 'gitlab', 'none'];

async function askCi(suggested: InitCi): Promise<InitCi> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (
      await rl.question(`Which CI do you use? (github, gitlab, none) [${suggested}] `)
    )
      .trim()
      .toLowerCase();
    if (answer === '') return suggested;
    if ((CIS as readonly string[]).includes(answer)) return answer as InitCi;
    throw new GauntletError(
      'GAUNTLET_E_USAGE',
      `Failed to read the answer: because "${answer}" is not one of ${CIS.join(', ')}.`,
    );
  } finally {
    rl.close();
  }
}

/** `gauntlet init [--ci github|gitlab|none] [--yes] [--json]` */
export default async function init(ctx: CommandContext): Promise<number> {
  const given = ctx.values.ci;
  if (given !== undefined && !(CIS as readonly unknown[]).includes(given)) {
    throw new GauntletError(
      'GAUNTLET_E_USAGE',
      `Failed to read --ci: because "${String(given)}" is not one of ${CIS.join(', ')}.`,
      { hint: 'Usage: gauntlet init [--ci github|gitlab|none] [--yes] [--json]' },
    );
  }
  const suggested = detectCi((p) => existsSync(path.join(ctx.cwd, p)));
  // Questions only on a terminal, and never with --yes or --json: CI and scripts get the defaults.
  const interactive =
    process.stdin.isTTY === true && ctx.values.yes !== true && ctx.values.json !== true;
  const ci: InitCi =
    (given as InitCi | undefined) ?? (interactive ? await askCi(suggested) : suggested);
  const result = await initProject({ cwd: ctx.cwd, ci });
  if (ctx.values.json === true) {
    ctx.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  for (const file of result.created) ctx.stdout(`created  ${file}\n`);
  for (const file of result.skipped) ctx.stdout(`skipped  ${file} (exists; left as it is)\n`);
  const pkg = result.packageJson;
  if (pkg.created) ctx.stdout(`created  package.json (scripts: ${pkg.added.join(', ')})\n`);
  else if (pkg.added.length > 0)
    ctx.stdout(`updated  package.json (scripts added: ${pkg.added.join(', ')})\n`);
  if (pkg.kept.length > 0) {
    ctx.stdout(
      `skipped  package.json scripts ${pkg.kept.join(', ')} (already defined; left as they are)\n`,
    );
  }
  ctx.stdout('\nNext: npx gauntlet mock contracts/   then   curl localhost:4010/pets/1\n');
  return 0;
}
