/**
 * The import graph of `src/`: every relative import (static, `export … from`, dynamic `import()`,
 * type-only included) between non-test files. `npx tsx scripts/import-graph.ts` prints the import
 * circles and the room-to-room edges the architecture forbids; `test/architecture.test.ts` asserts
 * there are none.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ImportGraph {
  /** file (relative to src/, posix) → the files it imports (relative to src/). */
  readonly edges: ReadonlyMap<string, readonly string[]>;
}

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(full);
  }
}

export function readImportGraph(srcDir: string): ImportGraph {
  const files: string[] = [];
  walk(srcDir, files);
  const known = new Set(files.map((file) => relative(srcDir, file).split('\\').join('/')));
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const from = relative(srcDir, file).split('\\').join('/');
    const text = readFileSync(file, 'utf8');
    const targets = new Set<string>();
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[1] ?? match[2];
      if (spec === undefined) continue;
      const target = relative(srcDir, resolve(dirname(file), spec))
        .split('\\')
        .join('/')
        .replace(/\.js$/, '.ts');
      if (known.has(target)) targets.add(target);
      else if (known.has(`${target}/index.ts`)) targets.add(`${target}/index.ts`);
    }
    edges.set(from, [...targets].sort());
  }
  return { edges };
}

/** Strongly connected components with more than one file (or a file importing itself). */
export function importCircles(graph: ImportGraph): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const connect = (node: string): void => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.edges.get(node) ?? []) {
      if (!indices.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indices.get(next)!));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.edges.get(node) ?? []).includes(node)) {
        circles.push(component.sort());
      }
    }
  };
  for (const node of [...graph.edges.keys()].sort()) if (!indices.has(node)) connect(node);
  return circles;
}

export interface Fence {
  /** Files whose path starts with one of these prefixes… */
  readonly from: readonly string[];
  /** …may not import files whose path starts with one of these… */
  readonly to: readonly string[];
  /** …unless the target starts with one of these. */
  readonly except?: readonly string[];
  readonly why: string;
}

/** Room rules of docs/architecture.md that a file's imports can break. */
export const FENCES: readonly Fence[] = [
  {
    from: ['adapters/'],
    to: ['run/', 'ci/', 'cli/'],
    why: 'the edge (src/adapters) does not reach back up into the stages, the gate or the CLI',
  },
  {
    from: [
      'report/',
      'schema/',
      'http/',
      'util/',
      'model/',
      'formats/',
      'matching/',
      'mock/',
      'generate/',
      'verify/',
      'lint/',
      'registry/',
      'chaos/',
      'load/',
      'client-runtime/',
    ],
    to: ['adapters/', 'run/', 'ci/', 'cli/', 'system/'],
    why: 'the pure middle takes data and returns data: no edge, no orchestration',
  },
  {
    from: ['verify/', 'run/', 'system/', 'ci/', 'cli/', 'chaos/', 'load/'],
    to: ['mock/'],
    except: ['mock/index.ts'],
    why: 'other rooms use the mock engine through src/mock/index.ts, not its internals',
  },
  {
    from: ['cli/'],
    to: [''],
    except: ['cli/', 'index.ts'],
    why: 'the CLI stands on the public API (src/index.ts) and its own files',
  },
];

export interface FenceBreach {
  readonly from: string;
  readonly to: string;
  readonly why: string;
}

export function fenceBreaches(
  graph: ImportGraph,
  fences: readonly Fence[] = FENCES,
): FenceBreach[] {
  const breaches: FenceBreach[] = [];
  for (const [from, targets] of graph.edges) {
    for (const fence of fences) {
      if (!fence.from.some((prefix) => from.startsWith(prefix))) continue;
      for (const to of targets) {
        if (!fence.to.some((prefix) => to.startsWith(prefix))) continue;
        if (fence.except?.some((prefix) => to.startsWith(prefix))) continue;
        breaches.push({ from, to, why: fence.why });
      }
    }
  }
  return breaches;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const graph = readImportGraph(resolve(dirname(fileURLToPath(import.meta.url)), '../src'));
  const circles = importCircles(graph);
  console.log(`${circles.length} import circle(s)`);
  for (const circle of circles) console.log(`  ${circle.join(' ↔ ')}`);
  const breaches = fenceBreaches(graph);
  console.log(`${breaches.length} fence breach(es)`);
  for (const breach of breaches) console.log(`  ${breach.from} → ${breach.to}`);
}
