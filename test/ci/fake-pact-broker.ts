// A small Pact Broker stand-in for tests: an in-memory HAL API holding published pacts,
// verification results, environments and deployed versions, answering `can-i-deploy` and the
// matrix with several selectors the way the broker documents it (docs.pact.io: "Matrix
// selectors", "Can I Deploy"). It is written independently of src/registry/can-i-deploy.ts, so a
// comparison of the two is a comparison of two readings of the same rules.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Pact {
  consumer: string;
  provider: string;
  consumerVersion: string;
  sha: string;
  content: unknown;
}
interface Verification {
  provider: string;
  providerVersion: string;
  sha: string;
  success: boolean;
}
interface Selector {
  pacticipant: string;
  version: string;
}

export interface FakeBroker {
  url: string;
  /** Every request as `METHOD path` (with the query). */
  requests: string[];
  close(): Promise<void>;
}

const ENVIRONMENTS = [
  { name: 'production', uuid: 'env-prod' },
  { name: 'test', uuid: 'env-test' },
];

export async function startFakeBroker(): Promise<FakeBroker> {
  const pacts: Pact[] = [];
  const verifications: Verification[] = [];
  const deployed: Array<Selector & { environment: string }> = [];
  const requests: string[] = [];

  const latestPact = (consumer: string, provider: string, version: string) =>
    pacts
      .filter(
        (p) => p.consumer === consumer && p.provider === provider && p.consumerVersion === version,
      )
      .at(-1);

  /** The matrix for selectors going to an environment: integrations not selected come from it. */
  function matrix(selectors: Selector[], environment: string) {
    const current = new Map<string, string>();
    for (const d of deployed)
      if (d.environment === environment) current.set(d.pacticipant, d.version);
    for (const s of selectors) current.set(s.pacticipant, s.version);
    const rows = new Map<
      string,
      { consumer: string; cv: string; provider: string; pv?: string; ok: boolean | null }
    >();
    const add = (
      consumer: string,
      cv: string,
      provider: string,
      pv: string | undefined,
      sha: string,
    ) => {
      const v =
        pv === undefined
          ? undefined
          : verifications
              .filter((x) => x.provider === provider && x.providerVersion === pv && x.sha === sha)
              .at(-1);
      rows.set(`${consumer}@${cv}>${provider}@${pv}`, {
        consumer,
        cv,
        provider,
        ...(pv === undefined ? {} : { pv }),
        ok: v === undefined ? null : v.success,
      });
    };
    for (const s of selectors) {
      const providers = new Set(
        pacts
          .filter((p) => p.consumer === s.pacticipant && p.consumerVersion === s.version)
          .map((p) => p.provider),
      );
      for (const provider of providers) {
        add(
          s.pacticipant,
          s.version,
          provider,
          current.get(provider),
          latestPact(s.pacticipant, provider, s.version)!.sha,
        );
      }
      for (const [consumer, cv] of current) {
        const pact = latestPact(consumer, s.pacticipant, cv);
        if (pact !== undefined) add(consumer, cv, s.pacticipant, s.version, pact.sha);
      }
    }
    const list = [...rows.values()];
    const deployable = list.every((r) => r.ok === true);
    return {
      summary: {
        deployable,
        reason: deployable
          ? 'All required verification results are published and successful'
          : 'There are missing or failed verification results',
        unknown: list.filter((r) => r.ok === null).length,
      },
      matrix: list.map((r) => ({
        consumer: { name: r.consumer, version: { number: r.cv } },
        provider: {
          name: r.provider,
          ...(r.pv === undefined ? {} : { version: { number: r.pv } }),
        },
        ...(r.ok === null ? {} : { verificationResult: { success: r.ok } }),
      })),
    };
  }

  async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
    let text = '';
    for await (const chunk of req) text += chunk;
    return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  }

  function send(res: ServerResponse, status: number, value: unknown): void {
    res.writeHead(status, { 'content-type': 'application/hal+json' });
    res.end(JSON.stringify(value));
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://broker.test');
    const path = decodeURIComponent(url.pathname);
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    const parts = path.split('/').filter((p) => p !== '');
    if (req.method === 'GET' && path === '/') return send(res, 200, { _links: {} });
    if (req.method === 'POST' && path === '/contracts/publish') {
      const input = (await body(req)) as {
        pacticipantVersionNumber: string;
        contracts: Array<{ consumerName: string; providerName: string; content: string }>;
      };
      const links = input.contracts.map((c) => {
        const text = Buffer.from(c.content, 'base64').toString('utf8');
        const sha = createHash('sha1').update(text).digest('hex');
        pacts.push({
          consumer: c.consumerName,
          provider: c.providerName,
          consumerVersion: input.pacticipantVersionNumber,
          sha,
          content: JSON.parse(text),
        });
        return {
          href: `/pacts/provider/${c.providerName}/consumer/${c.consumerName}/pact-version/${sha}`,
        };
      });
      return send(res, 200, { _links: { 'pb:contracts': links } });
    }
    // GET /pacts/provider/P/consumer/C/version/V
    if (
      req.method === 'GET' &&
      parts[0] === 'pacts' &&
      parts[5] === 'version' &&
      parts[6] !== undefined
    ) {
      const pact = latestPact(parts[4]!, parts[2]!, parts[6]);
      if (pact === undefined) return send(res, 404, {});
      return send(res, 200, {
        ...(pact.content as object),
        _links: {
          'pb:publish-verification-results': {
            href: `/pacts/provider/${pact.provider}/consumer/${pact.consumer}/pact-version/${pact.sha}/verification-results`,
          },
        },
      });
    }
    if (req.method === 'POST' && parts[0] === 'pacts' && parts[7] === 'verification-results') {
      const input = (await body(req)) as { success: boolean; providerApplicationVersion: string };
      verifications.push({
        provider: parts[2]!,
        providerVersion: input.providerApplicationVersion,
        sha: parts[6]!,
        success: input.success,
      });
      return send(res, 201, { success: input.success });
    }
    if (req.method === 'GET' && path === '/environments') {
      return send(res, 200, { _embedded: { environments: ENVIRONMENTS } });
    }
    // POST /pacticipants/X/versions/V/deployed-versions/environment/UUID
    if (req.method === 'POST' && parts[0] === 'pacticipants' && parts[4] === 'deployed-versions') {
      const environment = ENVIRONMENTS.find((e) => e.uuid === parts[6])?.name ?? '?';
      deployed.push({ pacticipant: parts[1]!, version: parts[3]!, environment });
      return send(res, 201, { createdAt: new Date().toISOString() });
    }
    if (req.method === 'GET' && path === '/can-i-deploy') {
      const q = url.searchParams;
      return send(
        res,
        200,
        matrix(
          [{ pacticipant: q.get('pacticipant') ?? '', version: q.get('version') ?? '' }],
          q.get('environment') ?? '',
        ),
      );
    }
    if (req.method === 'GET' && path === '/matrix') {
      const selectors: Selector[] = [];
      for (const [key, value] of url.searchParams) {
        if (key === 'q[][pacticipant]') selectors.push({ pacticipant: value, version: '' });
        if (key === 'q[][version]' && selectors.length > 0)
          selectors[selectors.length - 1]!.version = value;
      }
      return send(res, 200, matrix(selectors, url.searchParams.get('environment') ?? ''));
    }
    send(res, 404, { error: `no route ${req.method} ${path}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
