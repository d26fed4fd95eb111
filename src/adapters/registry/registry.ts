import type {
  CanIDeployQuery,
  CanIDeployResult,
  DeploymentRecord,
  PactRecord,
  VerificationRecord,
} from '../../registry/types.js';

export interface PublishInput {
  /** Pact documents (parsed JSON); consumer and provider names are read from each. */
  pacts: Array<{ file: string; pact: unknown }>;
  consumerVersion: string;
  branch?: string;
  buildUrl?: string;
}

export interface VerificationInput {
  provider: string;
  providerVersion: string;
  branch?: string;
  consumer: string;
  /** Which pact was verified: its consumer version (the registry looks up the content)… */
  consumerVersion?: string;
  /** …or its content hash, when known. */
  pactVersion?: string;
  success: boolean;
  buildUrl?: string;
}

export interface DeploymentInput {
  pacticipant: string;
  version: string;
  environment: string;
}

/**
 * Where contracts, verification results and deployments are kept: the embedded file registry
 * (`.gauntlet/registry`) or a Pact Broker. Every command talks to this interface only.
 */
export interface Registry {
  readonly kind: 'file' | 'broker';
  /** Where it is (folder or broker URL), for messages. */
  readonly location: string;
  publish(
    input: PublishInput,
  ): Promise<Array<Pick<PactRecord, 'consumer' | 'provider' | 'consumerVersion' | 'pactVersion'>>>;
  recordVerification(
    input: VerificationInput,
  ): Promise<Pick<VerificationRecord, 'provider' | 'providerVersion' | 'consumer' | 'success'>>;
  recordDeployment(input: DeploymentInput): Promise<DeploymentRecord>;
  canIDeploy(query: CanIDeployQuery): Promise<CanIDeployResult>;
  /** The pacts a provider should verify: the latest of each consumer (per branch), plus those deployed. */
  pactsForVerification(
    provider: string,
  ): Promise<Array<Pick<PactRecord, 'consumer' | 'provider' | 'consumerVersion' | 'pact'>>>;
}

/**
 * Records one verification result (for `gauntlet verify` and `gauntlet ci`).
 *
 * @example
 * await recordVerification(registry, { provider: 'inventory', providerVersion: sha, consumer: 'orders', consumerVersion: '1.0.0', success: true });
 */
export function recordVerification(
  registry: Registry,
  input: VerificationInput,
): ReturnType<Registry['recordVerification']> {
  return registry.recordVerification(input);
}
