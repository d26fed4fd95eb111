/**
 * The pact-specification conformance cases (`{match, comment, expected, actual}`), loaded from
 * the shared corpus and run through normalise + the matching engine. Shared by the vitest suite
 * and `scripts/pact-conformance.ts` so both count the same thing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  normalisePactMessageContents,
  normalisePactRequest,
  normalisePactResponse,
  type PactVersionFamily,
} from '../../src/formats/pact/normalise.js';
import type { Mismatch } from '../../src/matching/pact/index.js';
import { matchMessage, matchRequest, matchResponse } from '../../src/matching/pact/index.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';

export const PACT_SPEC_VERSIONS = ['1', '1.1', '2', '3', '4'] as const;
export type PactSpecFolder = (typeof PACT_SPEC_VERSIONS)[number];
export type CaseKind = 'request' | 'response' | 'message';

export interface PactCase {
  /** `v3/request/body/matches with regex`. */
  id: string;
  version: PactSpecFolder;
  kind: CaseKind;
  part: string;
  file: string;
  match: boolean;
  comment: string;
  expected: unknown;
  actual: unknown;
}

export interface CaseResult {
  passed: boolean;
  mismatches: Mismatch[];
  diagnostics: Diagnostic[];
}

/** Where the corpus lives: `../shared/corpus/pact-specification` from the repo root. */
export function corpusRoot(repoRoot: string = process.cwd()): string {
  return resolve(repoRoot, '../shared/corpus/pact-specification');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every case of every version, sorted by id. Files are read as UTF-8 with any BOM removed. */
export function loadPactCases(root: string = corpusRoot()): PactCase[] {
  const cases: PactCase[] = [];
  for (const version of PACT_SPEC_VERSIONS) {
    const base = join(root, `version-${version}`, 'testcases');
    for (const kind of ['request', 'response', 'message'] as const) {
      let parts: string[];
      try {
        parts = readdirSync(join(base, kind)).sort();
      } catch {
        continue;
      }
      for (const part of parts) {
        const dir = join(base, kind, part);
        for (const file of readdirSync(dir)
          .filter((f) => f.endsWith('.json'))
          .sort()) {
          const text = readFileSync(join(dir, file), 'utf8').replace(/^\uFEFF/, '');
          const data: unknown = JSON.parse(text);
          if (!isRecord(data) || typeof data.match !== 'boolean') {
            throw new Error(`Failed to read ${dir}/${file}: because it has no boolean "match".`);
          }
          cases.push({
            id: `v${version}/${kind}/${part}/${file.replace(/\.json$/, '')}`,
            version,
            kind,
            part,
            file,
            match: data.match,
            comment: typeof data.comment === 'string' ? data.comment : '',
            expected: data.expected,
            actual: data.actual,
          });
        }
      }
    }
  }
  return cases;
}

export function versionFamily(version: PactSpecFolder): PactVersionFamily {
  return version === '1' || version === '1.1' ? 1 : (Number(version) as PactVersionFamily);
}

/** Normalises both sides of a case and matches them. */
export function runPactCase(c: PactCase): CaseResult {
  const family = versionFamily(c.version);
  const options = { version: Number(c.version) };
  const diagnostics: Diagnostic[] = [];
  let mismatches: Mismatch[] = [];
  if (c.kind === 'request') {
    const e = normalisePactRequest(c.expected, family, '/expected');
    const a = normalisePactRequest(c.actual, family, '/actual');
    diagnostics.push(...e.diagnostics, ...a.diagnostics);
    if (e.value && a.value) mismatches = matchRequest(e.value, a.value, options);
  } else if (c.kind === 'response') {
    const e = normalisePactResponse(c.expected, family, '/expected');
    const a = normalisePactResponse(c.actual, family, '/actual');
    diagnostics.push(...e.diagnostics, ...a.diagnostics);
    if (e.value && a.value) mismatches = matchResponse(e.value, a.value, options);
  } else {
    const e = normalisePactMessageContents(c.expected, family, '/expected');
    const a = normalisePactMessageContents(c.actual, family, '/actual');
    diagnostics.push(...e.diagnostics, ...a.diagnostics);
    if (e.value && a.value) mismatches = matchMessage(e.value, a.value, options);
  }
  const normalisedOk = !diagnostics.some((d) => d.severity === 'error');
  return {
    passed: normalisedOk && (mismatches.length === 0) === c.match,
    mismatches,
    diagnostics,
  };
}

/** The skip list: case id → one-line reason. */
export function loadSkips(file: string): Record<string, string> {
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isRecord(data)) throw new Error(`Failed to read ${file}: because it is not an object.`);
  const out: Record<string, string> = {};
  for (const [id, reason] of Object.entries(data)) {
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw new Error(`Failed to read ${file}: because the skip of '${id}' has no reason.`);
    }
    out[id] = reason;
  }
  return out;
}

export interface VersionTally {
  version: PactSpecFolder;
  passed: number;
  failed: number;
  skipped: number;
  total: number;
  failures: string[];
}

/** Runs every case and counts passes per version (skipped cases count as not passed). */
export function tallyPactCases(cases: PactCase[], skips: Record<string, string>): VersionTally[] {
  return PACT_SPEC_VERSIONS.map((version) => {
    const mine = cases.filter((c) => c.version === version);
    const tally: VersionTally = {
      version,
      passed: 0,
      failed: 0,
      skipped: 0,
      total: mine.length,
      failures: [],
    };
    for (const c of mine) {
      if (skips[c.id] !== undefined) {
        tally.skipped++;
        continue;
      }
      if (runPactCase(c).passed) tally.passed++;
      else {
        tally.failed++;
        tally.failures.push(c.id);
      }
    }
    return tally;
  });
}
