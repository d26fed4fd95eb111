import { GauntletError } from '../../errors.js';
import type {
  CanIDeployQuery,
  CanIDeployResult,
  DeploymentRecord,
  MatrixRow,
} from '../../registry/types.js';
import type { Registry } from './registry.js';

export interface BrokerOptions {
  /** e.g. `https://broker.example.com` (a path prefix is kept). */
  url: string;
  token?: string;
  username?: string;
  password?: string;
  /** Extra headers on every request (a proxy's auth, or `Prefer` when testing against a mock). */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function get(value: unknown, ...keys: string[]): unknown {
  let v = value;
  for (const k of keys) v = isRecord(v) ? v[k] : undefined;
  return v;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** Expands a HAL URI template's `{name}` variables (RFC 6570 level 1). */
function expand(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(vars[name] ?? ''));
}

/**
 * The broker resource that answers a can-i-deploy query: `/can-i-deploy` for one version; for a
 * release of several (`deployingWith`), the matrix with one selector per version of the release
 * (`latestby=cvpv`), whose other integrations the broker takes from the environment.
 */
function canIDeployPath(query: CanIDeployQuery): string {
  const release = query.deployingWith ?? [];
  if (release.length === 0) {
    const qs = new URLSearchParams({
      pacticipant: query.pacticipant,
      version: query.version,
      environment: query.environment,
    });
    return `/can-i-deploy?${qs.toString()}`;
  }
  const qs = new URLSearchParams();
  for (const selector of [{ pacticipant: query.pacticipant, version: query.version }, ...release]) {
    qs.append('q[][pacticipant]', selector.pacticipant);
    qs.append('q[][version]', selector.version);
  }
  qs.append('latestby', 'cvpv');
  qs.append('environment', query.environment);
  return `/matrix?${qs.toString()}`;
}

/**
 * The registry commands against a Pact Broker (or PactFlow) over its HAL API: starts at the index
 * resource, follows the `pb:` relations it advertises, and falls back to the documented paths for
 * a relation the index does not list. Auth: bearer token, or basic auth.
 *
 * @example
 * const broker = openBrokerRegistry({ url: 'https://broker.example.com', token: process.env.PACT_BROKER_TOKEN });
 * const answer = await broker.canIDeploy({ pacticipant: 'orders', version: sha, environment: 'production' });
 */
export function openBrokerRegistry(options: BrokerOptions): Registry {
  const base = options.url.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const headers: Record<string, string> = {
    accept: 'application/hal+json, application/json',
    ...options.headers,
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  else if (options.username !== undefined) {
    headers.authorization = `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}`;
  }
  let index: Promise<Json> | undefined;

  async function request(method: string, url: string, body?: unknown): Promise<Json> {
    const target = url.startsWith('http') ? url : `${base}${url}`;
    let response: Response;
    try {
      response = await doFetch(target, {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new GauntletError(
        'GAUNTLET_E_BROKER',
        `Failed to ${method} ${target}: because ${error instanceof Error ? error.message : String(error)}. Check --broker-url and that the broker is up.`,
      );
    }
    const raw = await response.text();
    if (!response.ok) {
      const hint =
        response.status === 401 || response.status === 403
          ? ' Check --broker-token or --broker-username/--broker-password.'
          : '';
      throw new GauntletError(
        'GAUNTLET_E_BROKER',
        `Failed to ${method} ${target}: because the broker answered ${response.status} ${raw.slice(0, 300)}.${hint}`,
      );
    }
    if (raw.trim() === '') return {};
    try {
      const parsed: unknown = JSON.parse(raw);
      return isRecord(parsed) ? parsed : { items: parsed };
    } catch {
      throw new GauntletError(
        'GAUNTLET_E_BROKER',
        `Failed to ${method} ${target}: because the answer is not JSON. Is --broker-url a Pact Broker?`,
      );
    }
  }

  /** The href of an index relation, or the documented fallback path. */
  async function relation(
    name: string,
    fallback: string,
    vars: Record<string, string> = {},
  ): Promise<string> {
    index ??= request('GET', '/').catch(() => ({}));
    const href = text(get(await index, '_links', name, 'href'));
    return expand(href ?? fallback, vars);
  }

  async function environmentUuid(name: string): Promise<string> {
    const list = await request('GET', await relation('pb:environments', '/environments'));
    const envs = get(list, '_embedded', 'environments');
    const found = Array.isArray(envs) ? envs.find((e) => get(e, 'name') === name) : undefined;
    const uuid = text(get(found, 'uuid'));
    if (!uuid) {
      throw new GauntletError(
        'GAUNTLET_E_BROKER',
        `Failed to find environment "${name}" in the broker: because it is not among ${Array.isArray(envs) ? envs.map((e) => text(get(e, 'name'))).join(', ') : 'none'}. Create it with pact-broker create-environment.`,
      );
    }
    return uuid;
  }

  return {
    kind: 'broker',
    location: base,
    async publish(input) {
      const out = [];
      const byConsumer = new Map<string, typeof input.pacts>();
      for (const p of input.pacts) {
        const consumer = text(get(p.pact, 'consumer', 'name'));
        if (!consumer || !text(get(p.pact, 'provider', 'name'))) {
          throw new GauntletError(
            'GAUNTLET_E_PACT_INVALID',
            `Failed to publish ${p.file}: because it has no consumer.name or provider.name. Publish pact files written by a Pact library.`,
          );
        }
        byConsumer.set(consumer, [...(byConsumer.get(consumer) ?? []), p]);
      }
      for (const [consumer, pacts] of byConsumer) {
        const body: Json = {
          pacticipantName: consumer,
          pacticipantVersionNumber: input.consumerVersion,
          contracts: pacts.map((p) => ({
            consumerName: consumer,
            providerName: text(get(p.pact, 'provider', 'name')),
            specification: 'pact',
            contentType: 'application/json',
            content: Buffer.from(JSON.stringify(p.pact)).toString('base64'),
          })),
        };
        if (input.branch !== undefined) body.branch = input.branch;
        if (input.buildUrl !== undefined) body.buildUrl = input.buildUrl;
        const answer = await request(
          'POST',
          await relation('pb:publish-contracts', '/contracts/publish'),
          body,
        );
        // The broker lists what it stored as `pb:contracts` links, one per pact.
        const published = get(answer, '_links', 'pb:contracts');
        for (const p of pacts) {
          const provider = text(get(p.pact, 'provider', 'name')) ?? '';
          const match = Array.isArray(published)
            ? published.find((c) =>
                (text(get(c, 'href')) ?? '').includes(`/provider/${encodeURIComponent(provider)}/`),
              )
            : undefined;
          const href = text(get(match, 'href')) ?? '';
          out.push({
            consumer,
            provider,
            consumerVersion: input.consumerVersion,
            pactVersion: /pact-version\/([^/]+)/.exec(href)?.[1] ?? '',
          });
        }
      }
      return out;
    },
    async recordVerification(input) {
      const pactUrl = input.consumerVersion
        ? `/pacts/provider/${encodeURIComponent(input.provider)}/consumer/${encodeURIComponent(input.consumer)}/version/${encodeURIComponent(input.consumerVersion)}`
        : `/pacts/provider/${encodeURIComponent(input.provider)}/consumer/${encodeURIComponent(input.consumer)}/latest`;
      const pact = await request('GET', pactUrl);
      const publishTo = text(get(pact, '_links', 'pb:publish-verification-results', 'href'));
      if (!publishTo) {
        throw new GauntletError(
          'GAUNTLET_E_BROKER',
          `Failed to record the verification of ${input.consumer} → ${input.provider}: because the pact resource has no pb:publish-verification-results link. Is the pact published?`,
        );
      }
      const body: Json = {
        success: input.success,
        providerApplicationVersion: input.providerVersion,
        verifiedBy: { implementation: 'gauntlet' },
      };
      if (input.buildUrl !== undefined) body.buildUrl = input.buildUrl;
      const answer = await request('POST', publishTo, body);
      const success = get(answer, 'success');
      return {
        provider: input.provider,
        providerVersion: input.providerVersion,
        consumer: input.consumer,
        success: typeof success === 'boolean' ? success : input.success,
      };
    },
    async recordDeployment(input): Promise<DeploymentRecord> {
      const uuid = await environmentUuid(input.environment);
      const path = `/pacticipants/${encodeURIComponent(input.pacticipant)}/versions/${encodeURIComponent(input.version)}/deployed-versions/environment/${encodeURIComponent(uuid)}`;
      const answer = await request('POST', path, {});
      return { ...input, deployedAt: text(get(answer, 'createdAt')) ?? new Date().toISOString() };
    },
    async canIDeploy(query): Promise<CanIDeployResult> {
      const answer = await request('GET', canIDeployPath(query));
      const matrix = get(answer, 'matrix');
      const rows: MatrixRow[] = Array.isArray(matrix)
        ? matrix.map((line) => {
            const success = get(line, 'verificationResult', 'success');
            const verified = typeof success === 'boolean' ? success : null;
            const row: MatrixRow = {
              consumer: text(get(line, 'consumer', 'name')) ?? '',
              consumerVersion: text(get(line, 'consumer', 'version', 'number')) ?? '',
              provider: text(get(line, 'provider', 'name')) ?? '',
              verified,
              ok: verified === true,
              reason:
                verified === true
                  ? 'verified successfully'
                  : verified === false
                    ? 'verification failed'
                    : 'not verified',
            };
            const pv = text(get(line, 'provider', 'version', 'number'));
            if (pv !== undefined) row.providerVersion = pv;
            return row;
          })
        : [];
      const deployable = get(answer, 'summary', 'deployable') === true;
      return {
        deployable,
        reason:
          text(get(answer, 'summary', 'reason')) ?? (deployable ? 'deployable' : 'not deployable'),
        rows,
      };
    },
    async pactsForVerification(provider) {
      const href = await relation(
        'pb:provider-pacts-for-verification',
        '/pacts/provider/{provider}/for-verification',
        { provider },
      );
      const answer = await request('POST', href, {
        consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
        includePendingStatus: false,
      });
      const list = get(answer, '_embedded', 'pacts');
      const out = [];
      for (const item of Array.isArray(list) ? list : []) {
        const self = text(get(item, '_links', 'self', 'href'));
        if (!self) continue;
        const pact = await request('GET', self);
        out.push({
          consumer: text(get(pact, 'consumer', 'name')) ?? '',
          provider,
          consumerVersion: /\/version\/([^/]+)/.exec(self)?.[1] ?? '',
          pact,
        });
      }
      return out;
    },
  };
}
