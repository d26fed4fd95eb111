/**
 * Load benchmark: how long does loading the largest corpus contract take, compared with merely
 * parsing its text with the yaml package (the floor any loader pays)?
 *
 *   npx tsx bench/bench-load.ts [runs]        (default 20 runs, after 3 warm-up runs)
 *
 * Prints the median load time, the median parse time, their ratio, and the peak RSS of the run.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { loadSource } from '../src/formats/load-source.js';

const corpus = resolve(process.cwd(), '../shared/corpus/specs');
const runs = Number(process.argv[2] ?? 20);
const WARMUP = 3;

async function largestSpec(dir: string): Promise<{ path: string; size: number }> {
  let best = { path: '', size: -1 };
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(ya?ml|json)$/i.test(entry.name)) continue;
    const path = resolve(entry.parentPath, entry.name);
    const { size } = await stat(path);
    if (size > best.size) best = { path, size };
  }
  if (best.size < 0) throw new Error(`no contract found under ${dir}`);
  return best;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

let peakRss = process.memoryUsage.rss();
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
};

async function time(label: string, fn: () => unknown | Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
    sampleRss();
  }
  process.stdout.write(
    `  ${label.padEnd(6)} median ${median(samples).toFixed(1)} ms  (min ${Math.min(...samples).toFixed(1)}, max ${Math.max(...samples).toFixed(1)})\n`,
  );
  return samples;
}

const { path, size } = await largestSpec(corpus);
const text = await readFile(path, 'utf8');
const readText = (p: string) => readFile(p, 'utf8');
process.stdout.write(
  `bench-load: ${path} (${(size / 1024).toFixed(0)} KiB), ${runs} runs after ${WARMUP} warm-up\n`,
);

let operations = 0;
const load = await time('load', async () => {
  const source = await loadSource(path, text, { readFile: readText });
  operations = source.service?.operations.length ?? 0;
  if (source.diagnostics.some((d) => d.severity === 'error'))
    throw new Error(`load failed: ${source.diagnostics[0]?.message}`);
});
const parseOnly = await time('parse', () => parse(text, { maxAliasCount: 10_000 }));

const ratio = median(load) / median(parseOnly);
process.stdout.write(`  ${operations} operations\n`);
process.stdout.write(`  ratio load/parse: ${ratio.toFixed(2)}x\n`);
process.stdout.write(`  peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB\n`);
