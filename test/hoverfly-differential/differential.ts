/**
 * The differential check: one simulation, loaded into the real Hoverfly (its admin API) and into
 * `gauntlet mock` (the HTTP server users run), the same requests sent to both in the same order,
 * and every difference in status, headers and body reported. Misses compare as misses (Hoverfly
 * answers 502 text, Gauntlet a 404 problem — a documented, deliberate difference).
 */
import { request as httpRequest } from 'node:http';
import type { RealHoverfly } from '../../src/adapters/hoverfly/real-hoverfly.js';
import { startMock } from '../../src/adapters/http/start-mock.js';
import type { Service } from '../../src/model/index.js';
import type { DiffRequest } from './request-for-pair.js';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  miss: boolean;
}

export interface Difference {
  simulation: string;
  request: number;
  /** `status`, `body`, `header <name>`, `load`. */
  field: string;
  hoverfly: string;
  gauntlet: string;
  sent: string;
}

/** Transport headers that say nothing about the simulation. */
const TRANSPORT = new Set([
  'date',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);

export function send(base: string, req: DiffRequest): Promise<Answer> {
  return sendOnce(base, req);
}

function sendOnce(base: string, req: DiffRequest): Promise<Answer> {
  const url = new URL(req.path, base);
  return new Promise((resolve, reject) => {
    const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8');
    const headers: Record<string, string> = { ...(req.headers ?? {}) };
    if (body) headers['content-length'] = String(body.length);
    const r = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: `${url.pathname}${url.search}`,
        headers,
        agent: false,
        timeout: 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const out: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (TRANSPORT.has(name) || value === undefined) continue;
            out[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          const miss =
            (status === 502 && text.startsWith('Hoverfly Error!')) ||
            (status === 404 && text.includes('"code":"mock.route.not-found"'));
          resolve({ status, headers: out, body: text, miss });
        });
      },
    );
    r.on('timeout', () => r.destroy(new Error(`no answer to ${req.method} ${req.path}`)));
    r.on('error', (error: NodeJS.ErrnoException) => {
      // A closed connection is an answer too (Hoverfly closes it on a pair without a status).
      if (error.code === 'ECONNRESET' || error.message === 'socket hang up')
        resolve({
          status: 0,
          headers: {},
          body: '(connection closed without an answer)',
          miss: false,
        });
      else reject(error);
    });
    if (body) r.write(body);
    r.end();
  });
}

function describe(req: DiffRequest): string {
  const headers = Object.entries(req.headers ?? {})
    .map(([k, v]) => ` -H '${k}: ${v}'`)
    .join('');
  return `${req.method} ${req.path}${headers}${req.body === undefined ? '' : ` -d '${req.body}'`}`;
}

export function compare(
  simulation: string,
  index: number,
  req: DiffRequest,
  hoverfly: Answer,
  gauntlet: Answer,
): Difference[] {
  const sent = describe(req);
  const diff = (field: string, h: string, g: string): Difference => ({
    simulation,
    request: index,
    field,
    hoverfly: h,
    gauntlet: g,
    sent,
  });
  if (hoverfly.miss || gauntlet.miss) {
    return hoverfly.miss && gauntlet.miss
      ? []
      : [
          diff(
            'status',
            hoverfly.miss ? 'miss' : String(hoverfly.status),
            gauntlet.miss ? 'miss' : String(gauntlet.status),
          ),
        ];
  }
  const out: Difference[] = [];
  if (hoverfly.status !== gauntlet.status)
    out.push(diff('status', String(hoverfly.status), String(gauntlet.status)));
  const names = new Set([...Object.keys(hoverfly.headers), ...Object.keys(gauntlet.headers)]);
  for (const name of [...names].sort()) {
    const h = hoverfly.headers[name];
    const g = gauntlet.headers[name];
    if (h !== g) out.push(diff(`header ${name}`, h ?? '(absent)', g ?? '(absent)'));
  }
  if (hoverfly.body !== gauntlet.body) out.push(diff('body', hoverfly.body, gauntlet.body));
  return out;
}

export interface SimulationRun {
  answered: number;
  requests: number;
  differences: Difference[];
}

/**
 * Loads one simulation into both engines (fresh state each) and sends `requests` in order.
 * `service` is Gauntlet's model of it, or the diagnostics that refused it.
 */
export async function runSimulation(
  name: string,
  simulation: unknown,
  service: Service | { refused: string },
  requests: DiffRequest[],
  hoverfly: RealHoverfly,
): Promise<SimulationRun> {
  await hoverfly.resetState();
  // Hoverfly refuses a simulation naming a post-serve action it does not know: register a no-op.
  const actions = new Set(JSON.stringify(simulation).match(/"postServeAction":"[^"]+"/g) ?? []);
  for (const a of actions) {
    const name = a.slice('"postServeAction":"'.length, -1);
    await hoverfly.registerPostServeAction({ name, binary: 'true', script: '#' });
  }
  let hoverflyRefused: string | undefined;
  try {
    await hoverfly.load(simulation);
  } catch (error) {
    hoverflyRefused = error instanceof Error ? error.message : String(error);
  }
  if (hoverflyRefused !== undefined || 'refused' in service) {
    const both = hoverflyRefused !== undefined && 'refused' in service;
    return {
      answered: 0,
      requests: requests.length,
      differences: both
        ? []
        : [
            {
              simulation: name,
              request: -1,
              field: 'load',
              hoverfly: hoverflyRefused ?? 'loaded',
              gauntlet: 'refused' in service ? service.refused : 'loaded',
              sent: '(none)',
            },
          ],
    };
  }
  const gauntlet = await startMock({
    services: [service],
    port: 0,
    validateRequests: 'off',
    cors: false,
    warn: () => undefined,
  });
  const differences: Difference[] = [];
  let answered = 0;
  try {
    for (const [index, req] of requests.entries()) {
      const h = await send(hoverfly.url, req);
      const g = await send(gauntlet.url, req);
      if (!h.miss) answered++;
      differences.push(...compare(name, index, req, h, g));
    }
  } finally {
    await gauntlet.close();
  }
  return { answered, requests: requests.length, differences };
}
