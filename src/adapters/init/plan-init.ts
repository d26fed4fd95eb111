/** Which CI the project uses: the template `gauntlet init` writes for it. */
export type InitCi = 'github' | 'gitlab' | 'none';

export interface InitFile {
  /** Path relative to the project folder, `/`-separated. */
  path: string;
  content: string;
}

export interface InitPlan {
  /** Files to create; a file that exists is never touched. */
  files: InitFile[];
  /** Scripts to add to package.json (those whose name is taken are left as they are). */
  scripts: Record<string, string>;
}

/** The scripts `gauntlet init` adds to package.json. */
export const INIT_SCRIPTS: Readonly<Record<string, string>> = {
  mock: 'gauntlet mock contracts/ mocks/',
  'contracts:lint': 'gauntlet lint contracts/',
  'contracts:ci': 'gauntlet ci',
};

/** Where each CI's template goes in the user's project. */
export const CI_TARGETS: Readonly<
  Record<Exclude<InitCi, 'none'>, { template: string; path: string }>
> = {
  github: { template: 'github-actions.yml', path: '.github/workflows/contracts.yml' },
  gitlab: { template: 'gitlab-ci.yml', path: '.gitlab-ci.yml' },
};

/**
 * The CI a project already uses, from what is in it: a `.gitlab-ci.yml` means GitLab, a
 * `.github/` folder GitHub; neither: GitHub, the more common.
 */
export function detectCi(exists: (path: string) => boolean): Exclude<InitCi, 'none'> {
  if (exists('.gitlab-ci.yml')) return 'gitlab';
  return 'github';
}

/**
 * What `gauntlet init` writes, from the templates it ships: the commented config, a sample
 * contract, `mocks/`, the CI template of the chosen CI and the package.json scripts.
 *
 * @example
 * planInit({ ci: 'github', templates: { 'gauntlet.config.ts': '…', … }, ciTemplates: { github: '…' } });
 */
export function planInit(options: {
  ci: InitCi;
  /** The init templates by their path (`gauntlet.config.ts`, `contracts/petstore.yaml`, …). */
  templates: Readonly<Record<string, string>>;
  /** The CI templates by CI. */
  ciTemplates: Readonly<Partial<Record<Exclude<InitCi, 'none'>, string>>>;
}): InitPlan {
  const files: InitFile[] = Object.entries(options.templates)
    .map(([path, content]) => ({ path, content }))
    .sort((a, b) => a.path.localeCompare(b.path));
  if (options.ci !== 'none') {
    const content = options.ciTemplates[options.ci];
    if (content !== undefined) files.push({ path: CI_TARGETS[options.ci].path, content });
  }
  return { files, scripts: { ...INIT_SCRIPTS } };
}
