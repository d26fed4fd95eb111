import { readComparables } from '../adapters/compat/read-comparables.js';
import { gitRefExists } from '../adapters/git/git.js';
import type { CiConfig } from '../config.js';
import type { RunContext } from '../run/types.js';

/** What the gate steps share within one `gauntlet ci` run. */
export interface GateState {
  version?: string;
  branch?: string;
  /** provider → consumer → verified ok? (filled by verify, read by publish). */
  verified: Map<string, Map<string, boolean>>;
  /** Called for each interaction/case verified, for progress output. */
  progress?: (line: string) => void;
}

export function ciConfig(ctx: RunContext): CiConfig {
  return ctx.config.ci ?? {};
}

export function pactPaths(ctx: RunContext): string[] {
  return ciConfig(ctx).pacts ?? ['contracts/pacts'];
}

/** Every provider contract named under `services`, in config order, once each. */
export function specPaths(ctx: RunContext): string[] {
  const out: string[] = [];
  for (const service of Object.values(ctx.config.services ?? {})) {
    for (const c of service.contracts ?? []) if (!out.includes(c)) out.push(c);
  }
  return out;
}

export async function baseRef(ctx: RunContext): Promise<{ ref?: string; reason: string }> {
  const wanted = ciConfig(ctx).baseRef ?? ctx.env.GAUNTLET_BASE_REF;
  const candidates = wanted ? [wanted] : ['origin/main', 'main'];
  for (const ref of candidates) if (await gitRefExists(ref, ctx.cwd)) return { ref, reason: '' };
  return {
    reason: `base ref ${candidates.join(' / ')} not found in git (set GAUNTLET_BASE_REF, or fetch it: git fetch origin main)`,
  };
}

export async function pactFilesByProvider(ctx: RunContext): Promise<Map<string, string[]>> {
  const { pacts } = await readComparables(pactPaths(ctx), ctx.cwd);
  const out = new Map<string, string[]>();
  for (const p of pacts) {
    const provider = (p.document as { provider?: { name?: unknown } }).provider?.name;
    if (typeof provider !== 'string') continue;
    out.set(provider, [...(out.get(provider) ?? []), p.file]);
  }
  return out;
}
