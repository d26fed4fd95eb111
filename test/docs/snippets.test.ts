// Every piece of code the docs site shows is checked here, so a page that stops working fails
// `npm test`:
// - code of a checkable language (TypeScript, JavaScript, JSON, YAML) lives in docs/snippets/
//   and is pulled into the pages with VitePress's `<<< @/snippets/…` include; an inline block of
//   those languages fails, unless marked `<!-- not a snippet: why -->` (output, another tool's
//   file) — there are none today;
// - each snippet file is checked by what it documents: TypeScript type-checked against the
//   package's public API (tsconfig includes docs/; `gauntlet` resolves to the built package),
//   examples run, configs through the config validator, scenario files through the loader
//   `gauntlet mock` uses (their behaviour: test/mock-server/scenario-files.int.test.ts),
//   experiments through the chaos loader, load suites through the load loader;
// - every `gauntlet …` line of a shell block is parsed as the CLI parses it, on its flag table.
// The Getting-started page's own steps (and its *.test.ts snippets) run in a fresh project in
// test/docs/newcomer.int.test.ts.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig, validateConfig } from '../../src/adapters/config/load-config.js';
import { loadPaths } from '../../src/adapters/fs/load-paths.js';
import { loadScenarioPaths } from '../../src/adapters/fs/load-scenario-paths.js';
import { loadSuiteFile } from '../../src/adapters/load/load-suite-file.js';
import { loadStatesModule } from '../../src/adapters/pact/load-states-module.js';
import { proxyEdges } from '../../src/chaos/topology.js';
import { unknownProxies } from '../../src/chaos/validate-experiment.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { compileScenarios } from '../../src/mock/scenarios/compile-scenarios.js';
import { loadExperiments } from '../../src/run/chaos/load-experiments.js';
import { prepareScenarios } from '../../src/run/load/run-suite.js';
import {
  CHECKABLE,
  cliProblems,
  type FencedBlock,
  gauntletCommands,
  hasRegion,
  type Include,
  isGenerated,
  readPage,
  readText,
  SHELL,
  sitePages,
} from './doc-blocks.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DOCS = path.join(ROOT, 'docs');
const SNIPPETS = path.join(DOCS, 'snippets');
/** The notes kept beside the site (docs/.vitepress/config.ts srcExclude). */
const NOT_PAGES = ['architecture.md'];

const pages = sitePages(DOCS, NOT_PAGES).map((file) => ({
  page: path.relative(ROOT, file),
  text: readText(file),
}));
const read = pages.map(({ page, text }) =>
  isGenerated(text) ? { blocks: [], includes: [] } : readPage(page, text),
);
const blocks: FencedBlock[] = read.flatMap((r) => r.blocks);
const includes: Include[] = read.flatMap((r) => r.includes);
const snippetFiles = readdirSync(SNIPPETS).sort();

/** How each snippet file is checked, by its name. */
type Check =
  | 'newcomer' // a test file of the Getting-started page: run by newcomer.int.test.ts
  | 'config'
  | 'scenarios'
  | 'experiment'
  | 'load-suite'
  | 'states'
  | 'run'
  | 'typecheck';
/** Snippets that only type-check, and why they cannot run here. */
const TYPECHECK_ONLY: Record<string, string> = {
  'testcontainers.ts':
    'needs a container engine and the images; the same calls run in examples/shop/orders/test/containers.int.test.ts',
};
function checkOf(file: string): Check | undefined {
  if (file.endsWith('.test.ts')) return 'newcomer';
  if (/(^|\.)gauntlet\.config\.ts$|\.config\.ts$/.test(file)) return 'config';
  if (file.endsWith('.scenarios.yaml')) return 'scenarios';
  if (/\.experiment\.(ya?ml|json|ts)$/.test(file)) return 'experiment';
  if (file.endsWith('.load.ts')) return 'load-suite';
  if (file.endsWith('.states.ts')) return 'states';
  if (file in TYPECHECK_ONLY) return 'typecheck';
  if (file.endsWith('.ts')) return 'run';
  return undefined;
}
const filesChecked = (check: Check): string[] => snippetFiles.filter((f) => checkOf(f) === check);

/** The config the snippets are written against: docs/snippets/gauntlet.config.ts. */
async function snippetConfig() {
  const config = await loadConfig(SNIPPETS);
  expect(config.file).toBe(path.join(SNIPPETS, 'gauntlet.config.ts'));
  return config;
}

describe('docs snippets', () => {
  it('no page shows checkable code inline: it comes from docs/snippets/', () => {
    const inline = blocks
      .filter((b) => CHECKABLE.has(b.lang) && b.notASnippet === undefined)
      .map((b) => `${b.page}:${b.line} (${b.lang})`);
    expect(inline).toEqual([]);
    expect(blocks.filter((b) => b.notASnippet !== undefined)).toEqual([]);
  });

  it('every include names a snippet (and region) that exists, and every snippet is shown', () => {
    const broken = includes.flatMap(({ page, line, file, region }) => {
      if (!snippetFiles.includes(file)) return [`${page}:${line}: no docs/snippets/${file}`];
      // VitePress shows the whole file when the region is missing: that must fail here.
      if (region && !hasRegion(readText(path.join(SNIPPETS, file)), region))
        return [`${page}:${line}: ${file} has no region "${region}"`];
      return [];
    });
    expect(broken).toEqual([]);
    expect([...new Set(includes.map((i) => i.file))].sort()).toEqual(snippetFiles);
  });

  it('every snippet file has a check', () => {
    expect(snippetFiles.filter((f) => checkOf(f) === undefined)).toEqual([]);
  });

  // Runnable snippets are written for a project made by `gauntlet init`: run them in the
  // folder of its templates (vitest's forks pool gives this file its own process).
  it.each(filesChecked('run'))('%s runs as the page shows it', async (file) => {
    process.chdir(path.join(ROOT, 'templates/init'));
    const module = (await import(path.join(SNIPPETS, file))) as { default: () => Promise<void> };
    await module.default();
  });

  it.each(filesChecked('config'))('%s passes the config validator', async (file) => {
    const module = (await import(path.join(SNIPPETS, file))) as { default: unknown };
    expect(validateConfig(file, module.default)).toBe(module.default);
  });

  it.each(filesChecked('scenarios'))(
    '%s loads and compiles as `gauntlet mock` reads a mocks/ file',
    async (file) => {
      const loaded = await loadScenarioPaths([file], SNIPPETS);
      expect(loaded.files).toEqual([file]);
      expect(loaded.diagnostics).toEqual([]);
      expect(compileScenarios(loaded.definitions, { files: loaded.bodies }).diagnostics).toEqual(
        [],
      );
    },
  );

  it.each(filesChecked('experiment'))(
    '%s loads as `gauntlet chaos` loads it, its proxies in the topology',
    async (file) => {
      const [loaded] = await loadExperiments([file], SNIPPETS);
      const proxies = new Set(proxyEdges(await snippetConfig()).map((e) => e.name));
      expect(unknownProxies(loaded!.experiment, proxies)).toEqual([]);
    },
  );

  it.each(filesChecked('load-suite'))(
    '%s loads as `gauntlet load` loads it, its requests built from the contract',
    async (file) => {
      const loaded = await loadSuiteFile(path.join(SNIPPETS, file), SNIPPETS);
      // The config's contract paths are the example shop's, relative to the repository root.
      const { scenarios } = await prepareScenarios(
        loaded,
        await snippetConfig(),
        (paths) => loadPaths([...paths], { cwd: ROOT }),
        ROOT,
      );
      for (const prepared of Object.values(scenarios)) {
        if (prepared.scenario.requests) expect(prepared.requests?.length).toBeGreaterThan(0);
      }
    },
  );

  it.each(filesChecked('states'))(
    '%s loads as `verify pact --states` loads it, and puts its provider in a state',
    async (file) => {
      const module = await loadStatesModule(file, SNIPPETS);
      const provider = await module.startProvider!();
      try {
        await module.beforeEach?.();
        for (const [name, handler] of Object.entries(module.states ?? {})) {
          expect(typeof handler === 'function' || typeof handler.setup === 'function', name).toBe(
            true,
          );
          await (typeof handler === 'function' ? handler({}) : handler.setup?.({}));
        }
        // The example's one state: SKU abc has 3 in stock.
        const response = await fetch(`${provider.url}/stock/abc`);
        expect(await response.json()).toEqual({ sku: 'abc', available: 3 });
      } finally {
        await provider.close();
      }
    },
  );

  const lines = blocks
    .filter((b) => SHELL.has(b.lang))
    .flatMap((b) =>
      gauntletCommands(b.text).map((args) => ({
        where: `${b.page}:${b.line}`,
        command: `gauntlet ${args.join(' ')}`,
        args,
      })),
    );
  it('finds the gauntlet lines of the shell blocks', () => {
    expect(lines.length).toBeGreaterThan(30);
  });
  it.each(lines)('$where: $command parses against the flag table', ({ args }) => {
    expect(cliProblems(args, COMMANDS)).toEqual([]);
  });
});
