import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GauntletError } from '../../errors.js';
import { canIDeploy } from '../../registry/can-i-deploy.js';
import type {
  DeploymentRecord,
  PactRecord,
  RegistrySnapshot,
  VerificationRecord,
  VersionRecord,
} from '../../registry/types.js';
import { writeAtomic } from '../fs/write-atomic.js';
import type { Registry } from './registry.js';

/** Canonical JSON (sorted keys) so the same pact always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The content hash verifications attach to: interactions and messages only, so regenerating a
 * pact with a newer pact-js (different `metadata`) keeps its verification.
 *
 * @example
 * pactContentHash(JSON.parse(text)); // 'a3f1…' (64 hex digits)
 */
export function pactContentHash(pact: unknown): string {
  const p = (typeof pact === 'object' && pact !== null ? pact : {}) as Record<string, unknown>;
  const content = {
    consumer: p.consumer,
    provider: p.provider,
    interactions: p.interactions,
    messages: p.messages,
  };
  return createHash('sha256').update(canonical(content)).digest('hex');
}

function nameOf(value: unknown): string | undefined {
  return typeof value === 'object' &&
    value !== null &&
    typeof (value as { name?: unknown }).name === 'string'
    ? (value as { name: string }).name
    : undefined;
}

/** File-name-safe part: `orders` stays, `a/b c` → `a%2Fb%20c`. */
function part(text: string): string {
  return encodeURIComponent(text).replace(/\./g, '%2E');
}

function unique(): string {
  return `${Date.now().toString().padStart(15, '0')}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

const KINDS = ['pacts', 'verifications', 'deployments', 'versions'] as const;
type Kind = (typeof KINDS)[number];

/**
 * The embedded registry: one JSON file per record under `dir/<kind>/`, each written to a temp
 * file and renamed into place (atomic on one file system), so concurrent writers — parallel CI
 * jobs on one runner, verify and publish at once — never see or leave a half-written record and
 * never contend for a lock. Records are never edited: a newer record supersedes an older one.
 *
 * @example
 * const registry = openFileRegistry('.gauntlet/registry');
 * await registry.publish({ pacts: [{ file, pact }], consumerVersion: sha, branch: 'main' });
 */
export function openFileRegistry(
  dir: string,
): Registry & { snapshot(): Promise<RegistrySnapshot> } {
  async function write(kind: Kind, name: string, record: unknown): Promise<void> {
    const folder = join(dir, kind);
    try {
      await mkdir(folder, { recursive: true });
      await writeAtomic(join(folder, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
    } catch (error) {
      throw new GauntletError(
        'GAUNTLET_E_REGISTRY',
        `Failed to write to the registry ${dir}: because ${error instanceof Error ? error.message : String(error)}. Check that the folder is writable.`,
      );
    }
  }

  async function readAll<T>(kind: Kind): Promise<T[]> {
    const folder = join(dir, kind);
    const names = await readdir(folder).catch(() => [] as string[]);
    const out: T[] = [];
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      const text = await readFile(join(folder, name), 'utf8');
      try {
        out.push(JSON.parse(text) as T);
      } catch {
        throw new GauntletError(
          'GAUNTLET_E_REGISTRY',
          `Failed to read ${join(folder, name)}: because it is not valid JSON. Delete the record or restore it.`,
        );
      }
    }
    return out;
  }

  async function snapshot(): Promise<RegistrySnapshot> {
    const [pacts, verifications, deployments, versions] = await Promise.all([
      readAll<PactRecord>('pacts'),
      readAll<VerificationRecord>('verifications'),
      readAll<DeploymentRecord>('deployments'),
      readAll<VersionRecord>('versions'),
    ]);
    return { pacts, verifications, deployments, versions };
  }

  async function addVersion(
    pacticipant: string,
    version: string,
    branch: string | undefined,
  ): Promise<void> {
    const record: VersionRecord = { pacticipant, version, createdAt: new Date().toISOString() };
    if (branch !== undefined) record.branch = branch;
    await write('versions', `${part(pacticipant)}__${part(version)}`, record);
  }

  return {
    kind: 'file',
    location: dir,
    snapshot,
    async publish(input) {
      const out = [];
      for (const { file, pact } of input.pacts) {
        const consumer = nameOf((pact as { consumer?: unknown }).consumer);
        const provider = nameOf((pact as { provider?: unknown }).provider);
        if (consumer === undefined || provider === undefined) {
          throw new GauntletError(
            'GAUNTLET_E_PACT_INVALID',
            `Failed to publish ${file}: because it has no consumer.name or provider.name. Publish pact files written by a Pact library.`,
          );
        }
        const record: PactRecord = {
          consumer,
          provider,
          consumerVersion: input.consumerVersion,
          pactVersion: pactContentHash(pact),
          publishedAt: new Date().toISOString(),
          pact,
        };
        if (input.branch !== undefined) record.branch = input.branch;
        await write(
          'pacts',
          `${part(consumer)}__${part(provider)}__${part(input.consumerVersion)}`,
          record,
        );
        await addVersion(consumer, input.consumerVersion, input.branch);
        out.push({
          consumer,
          provider,
          consumerVersion: input.consumerVersion,
          pactVersion: record.pactVersion,
        });
      }
      return out;
    },
    async recordVerification(input) {
      let pactVersion = input.pactVersion;
      let consumerVersion = input.consumerVersion;
      if (pactVersion === undefined) {
        const pacts = (await readAll<PactRecord>('pacts')).filter(
          (p) =>
            p.consumer === input.consumer &&
            p.provider === input.provider &&
            (consumerVersion === undefined || p.consumerVersion === consumerVersion),
        );
        const latest = pacts.sort((a, b) => a.publishedAt.localeCompare(b.publishedAt)).at(-1);
        if (!latest) {
          throw new GauntletError(
            'GAUNTLET_E_REGISTRY',
            `Failed to record the verification of ${input.consumer} → ${input.provider}: because no pact${consumerVersion ? ` of ${input.consumer} ${consumerVersion}` : ''} is published to ${dir}. Run gauntlet publish first.`,
          );
        }
        pactVersion = latest.pactVersion;
        consumerVersion = latest.consumerVersion;
      }
      const record: VerificationRecord = {
        provider: input.provider,
        providerVersion: input.providerVersion,
        consumer: input.consumer,
        pactVersion,
        success: input.success,
        verifiedAt: new Date().toISOString(),
      };
      if (consumerVersion !== undefined) record.consumerVersion = consumerVersion;
      if (input.branch !== undefined) record.branch = input.branch;
      if (input.buildUrl !== undefined) record.buildUrl = input.buildUrl;
      await write(
        'verifications',
        `${part(input.provider)}__${part(input.providerVersion)}__${unique()}`,
        record,
      );
      await addVersion(input.provider, input.providerVersion, input.branch);
      return record;
    },
    async recordDeployment(input) {
      const record: DeploymentRecord = { ...input, deployedAt: new Date().toISOString() };
      await write(
        'deployments',
        `${part(input.environment)}__${part(input.pacticipant)}__${unique()}`,
        record,
      );
      return record;
    },
    async canIDeploy(query) {
      return canIDeploy(await snapshot(), query);
    },
    async pactsForVerification(provider) {
      const snap = await snapshot();
      const latest = new Map<string, PactRecord>();
      for (const p of snap.pacts) {
        if (p.provider !== provider) continue;
        const key = `${p.consumer}\u0000${p.branch ?? ''}`;
        const seen = latest.get(key);
        if (!seen || p.publishedAt >= seen.publishedAt) latest.set(key, p);
      }
      return [...latest.values()].map(({ consumer, consumerVersion, pact }) => ({
        consumer,
        provider,
        consumerVersion,
        pact,
      }));
    },
  };
}
