import type {
  CanIDeployQuery,
  CanIDeployResult,
  DeploymentRecord,
  MatrixRow,
  RegistrySnapshot,
  VerificationRecord,
} from './types.js';

/** Deployments in order: time, then record order (records written in the same millisecond). */
function deployedIn(
  snapshot: RegistrySnapshot,
  environment: string,
): Map<string, DeploymentRecord> {
  const current = new Map<string, DeploymentRecord>();
  const ordered = snapshot.deployments
    .map((d, i) => ({ d, i }))
    .filter(({ d }) => d.environment === environment)
    .sort((a, b) => a.d.deployedAt.localeCompare(b.d.deployedAt) || a.i - b.i);
  for (const { d } of ordered) current.set(d.pacticipant, d);
  return current;
}

/** The latest verification of a pact content by a provider version (a re-run replaces a failure). */
function latestVerification(
  snapshot: RegistrySnapshot,
  provider: string,
  providerVersion: string,
  pactVersion: string,
): VerificationRecord | undefined {
  let latest: VerificationRecord | undefined;
  for (const v of snapshot.verifications) {
    if (
      v.provider !== provider ||
      v.providerVersion !== providerVersion ||
      v.pactVersion !== pactVersion
    )
      continue;
    if (!latest || v.verifiedAt >= latest.verifiedAt) latest = v;
  }
  return latest;
}

function verdict(
  snapshot: RegistrySnapshot,
  row: Omit<MatrixRow, 'verified' | 'ok' | 'reason'> & { providerVersion: string },
  pactVersion: string,
): MatrixRow {
  const v = latestVerification(snapshot, row.provider, row.providerVersion, pactVersion);
  const pair = `the pact between ${row.consumer} ${row.consumerVersion} and ${row.provider} ${row.providerVersion}`;
  if (!v) return { ...row, verified: null, ok: false, reason: `${pair} has not been verified` };
  if (!v.success)
    return {
      ...row,
      verified: false,
      ok: false,
      reason: `${pair} failed verification (${v.verifiedAt})`,
    };
  return {
    ...row,
    verified: true,
    ok: true,
    reason: `${pair} was verified successfully (${v.verifiedAt})`,
  };
}

/**
 * Answers "can version V of X go to environment E?" from the matrix, as the Pact Broker does:
 * - as a consumer, each pact V published must be verified by the provider version deployed in E
 *   (a provider with no version in E is a missing dependency: deploy it first);
 * - as a provider, each consumer version deployed in E that has a pact with X must have that pact
 *   verified successfully by V.
 * Verifications attach to pact content, so a new consumer version with an unchanged pact keeps
 * its verification.
 *
 * @example
 * const r = canIDeploy(snapshot, { pacticipant: 'orders', version: 'abc123', environment: 'production' });
 * if (!r.deployable) console.log(r.reason, r.rows.filter((row) => !row.ok));
 */
export function canIDeploy(snapshot: RegistrySnapshot, query: CanIDeployQuery): CanIDeployResult {
  const { pacticipant, version, environment } = query;
  const known =
    snapshot.versions.some((v) => v.pacticipant === pacticipant && v.version === version) ||
    snapshot.pacts.some((p) => p.consumer === pacticipant && p.consumerVersion === version) ||
    snapshot.verifications.some((v) => v.provider === pacticipant && v.providerVersion === version);
  if (!known) {
    return {
      deployable: false,
      reason: `${pacticipant} version ${version} is not in the registry: publish its pacts (gauntlet publish) or record its verification results first`,
      rows: [],
    };
  }
  const deployed = deployedIn(snapshot, environment);
  for (const other of query.deployingWith ?? []) {
    deployed.set(other.pacticipant, { ...other, environment, deployedAt: '(this release)' });
  }
  const rows: MatrixRow[] = [];
  // As a consumer: its pacts at this version (the latest publication per provider).
  const mine = new Map<string, (typeof snapshot.pacts)[number]>();
  for (const p of snapshot.pacts) {
    if (p.consumer !== pacticipant || p.consumerVersion !== version) continue;
    const seen = mine.get(p.provider);
    if (!seen || p.publishedAt >= seen.publishedAt) mine.set(p.provider, p);
  }
  for (const pact of [...mine.values()].sort((a, b) => a.provider.localeCompare(b.provider))) {
    const providerAt = deployed.get(pact.provider);
    if (!providerAt) {
      rows.push({
        consumer: pacticipant,
        consumerVersion: version,
        provider: pact.provider,
        verified: null,
        ok: false,
        reason: `${pact.provider} has no version deployed to ${environment}: deploy ${pact.provider} first (a missing dependency)`,
      });
      continue;
    }
    rows.push(
      verdict(
        snapshot,
        {
          consumer: pacticipant,
          consumerVersion: version,
          provider: pact.provider,
          providerVersion: providerAt.version,
        },
        pact.pactVersion,
      ),
    );
  }
  // As a provider: the pacts of the consumer versions deployed in the environment.
  for (const [consumer, at] of [...deployed.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (consumer === pacticipant) continue;
    let pact: (typeof snapshot.pacts)[number] | undefined;
    for (const p of snapshot.pacts) {
      if (p.consumer !== consumer || p.provider !== pacticipant || p.consumerVersion !== at.version)
        continue;
      if (!pact || p.publishedAt >= pact.publishedAt) pact = p;
    }
    if (!pact) continue;
    rows.push(
      verdict(
        snapshot,
        { consumer, consumerVersion: at.version, provider: pacticipant, providerVersion: version },
        pact.pactVersion,
      ),
    );
  }
  const failed = rows.filter((r) => !r.ok);
  if (rows.length === 0) {
    return {
      deployable: true,
      reason: `${pacticipant} ${version} has no integrations to check in ${environment}`,
      rows,
    };
  }
  return {
    deployable: failed.length === 0,
    reason:
      failed.length === 0
        ? `all ${rows.length} required verification result(s) are published and successful`
        : failed.map((r) => r.reason).join('; '),
    rows,
  };
}

/**
 * The text answer: `Computer says yes/no`, then one line per matrix row.
 *
 * @example
 * stdout.write(formatCanIDeploy(query, result));
 */
export function formatCanIDeploy(query: CanIDeployQuery, result: CanIDeployResult): string {
  const lines = [
    `${result.deployable ? 'Computer says yes \\o/' : 'Computer says no ¯\\_(ツ)_/¯'}  ${query.pacticipant} ${query.version} → ${query.environment}`,
  ];
  for (const r of result.rows) {
    lines.push(
      `  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.consumer} ${r.consumerVersion} → ${r.provider} ${r.providerVersion ?? '(none)'}: ${r.reason}`,
    );
  }
  lines.push(result.reason);
  return `${lines.join('\n')}\n`;
}
