/** A pact as the registry holds it: who published it, at which version, and its content. */
export interface PactRecord {
  consumer: string;
  provider: string;
  consumerVersion: string;
  branch?: string;
  /** Content hash of the pact (sha-256 of its canonical JSON): verifications attach to it. */
  pactVersion: string;
  publishedAt: string;
  pact: unknown;
}

/** A provider version's verification of one pact content. */
export interface VerificationRecord {
  provider: string;
  providerVersion: string;
  branch?: string;
  consumer: string;
  /** The consumer version whose pact was verified (informational; matching uses pactVersion). */
  consumerVersion?: string;
  pactVersion: string;
  success: boolean;
  verifiedAt: string;
  /** Optional link to the build or report. */
  buildUrl?: string;
}

/** "Version V of X now runs in environment E" (the latest record per X and E wins). */
export interface DeploymentRecord {
  pacticipant: string;
  version: string;
  environment: string;
  deployedAt: string;
}

/** A pacticipant version, known from `publish` or `recordVerification`. */
export interface VersionRecord {
  pacticipant: string;
  version: string;
  branch?: string;
  createdAt: string;
}

/** Everything can-i-deploy reads. */
export interface RegistrySnapshot {
  pacts: PactRecord[];
  verifications: VerificationRecord[];
  deployments: DeploymentRecord[];
  versions: VersionRecord[];
}

export interface CanIDeployQuery {
  pacticipant: string;
  version: string;
  environment: string;
  /**
   * Versions going to the environment in the same release (a monorepo deploying every service
   * from one commit): treated as deployed there, in place of what the environment runs now.
   */
  deployingWith?: Array<{ pacticipant: string; version: string }>;
}

/** One line of the matrix: a consumer version and a provider version, and whether they agree. */
export interface MatrixRow {
  consumer: string;
  consumerVersion: string;
  provider: string;
  /** Absent when the provider has no version in the environment. */
  providerVersion?: string;
  /** `true` verified ok, `false` verification failed, `null` never verified. */
  verified: boolean | null;
  ok: boolean;
  reason: string;
}

export interface CanIDeployResult {
  deployable: boolean;
  /** One sentence: why yes or why not. */
  reason: string;
  rows: MatrixRow[];
}
