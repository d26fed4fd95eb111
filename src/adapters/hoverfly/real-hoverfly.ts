import { GauntletError } from '../../errors.js';
import { freePort } from '../process/free-port.js';
import { type ManagedProcess, startProcess } from '../process/start-process.js';
import { waitForHealth } from '../process/wait-for-health.js';

/** A running real Hoverfly (webserver mode) and its admin API. */
export interface RealHoverfly {
  pid: number;
  /** Where it serves simulations: `http://127.0.0.1:<proxy port>`. */
  url: string;
  /** Its admin API: `http://127.0.0.1:<admin port>`. */
  adminUrl: string;
  /**
   * Replaces the simulation (`PUT /api/v2/simulation`) and returns Hoverfly's warnings (pairs it
   * dropped, fields it ignored). Throws GAUNTLET_E_HOVERFLY_ENGINE when Hoverfly refuses it.
   */
  load(simulation: unknown): Promise<string[]>;
  /** Adds a simulation's pairs to the loaded ones (`POST /api/v2/simulation`); returns the warnings. */
  append(simulation: unknown): Promise<string[]>;
  /**
   * Registers a post-serve action (`PUT /api/v2/hoverfly/post-serve-action`): Hoverfly refuses a
   * simulation that names an action it does not know.
   */
  registerPostServeAction(action: {
    name: string;
    binary: string;
    script: string;
    delayMs?: number;
  }): Promise<void>;
  /** Forgets all state (`DELETE /api/v2/state`). */
  resetState(): Promise<void>;
  /** The current state (`GET /api/v2/state`). */
  state(): Promise<Record<string, string>>;
  /** Hoverfly's journal entries (`GET /api/v2/journal`), oldest first. */
  journal(): Promise<HoverflyJournalEntry[]>;
  /** Empties the journal (`DELETE /api/v2/journal`). */
  clearJournal(): Promise<void>;
  /** Switches mode: `simulate`, `capture`, `spy`… (`PUT /api/v2/hoverfly/mode`). */
  setMode(mode: string): Promise<void>;
  /** Everything Hoverfly holds now (`GET /api/v2/simulation`): what it captured, in capture mode. */
  simulation(): Promise<unknown>;
  /** The process's last output lines. */
  recentLines(): string[];
  /** Stops it by PID (idempotent). */
  stop(): Promise<void>;
}

/** One journal entry as Hoverfly's admin API returns it (the parts Gauntlet reads). */
export interface HoverflyJournalEntry {
  request: {
    method?: string;
    path?: string;
    query?: string;
    destination?: string;
    scheme?: string;
    headers?: Record<string, string[]>;
    body?: string;
  };
  response: { status?: number; body?: string; headers?: Record<string, string[]> };
  mode?: string;
  timeStarted?: string;
  latency?: number;
}

export interface StartRealHoverflyOptions {
  /** The hoverfly binary (from `findTool('hoverfly')`). */
  binary: string;
  /** `-webserver` (default): serve simulations as a web server; false: run as a proxy. */
  webserver?: boolean;
  /** Host to bind (default 127.0.0.1). */
  host?: string;
  /** Proxy/webserver port (default: a free one). */
  port?: number;
  /** Admin API port (default: a free one). */
  adminPort?: number;
  /** Hoverfly's `-journal-size` (default 1000, Hoverfly's own default). */
  journalSize?: number;
  /** Extra arguments, e.g. `['-capture']`. */
  args?: string[];
  cwd?: string;
  env?: Record<string, string | undefined>;
  onLine?: (line: string) => void;
}

async function call(
  adminUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; text: string }> {
  const init: RequestInit = { method, signal: AbortSignal.timeout(30_000) };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  const response = await fetch(`${adminUrl}${path}`, init);
  return { status: response.status, text: await response.text() };
}

function warningsOf(text: string): string[] {
  const answer = JSON.parse(text) as { warnings?: Array<{ message?: string }> };
  return (answer.warnings ?? []).map((w) => w.message ?? JSON.stringify(w));
}

function refused(what: string, status: number, text: string): GauntletError {
  return new GauntletError(
    'GAUNTLET_E_HOVERFLY_ENGINE',
    `Failed to ${what}: because Hoverfly answered ${status}: ${text.trim().slice(0, 500)}. Check the simulation with \`gauntlet lint\`.`,
  );
}

/**
 * Starts the real Hoverfly as a child process, on free ports unless told otherwise, and waits
 * for its admin API. The caller stops it (`stop()`), also on errors.
 *
 * @example
 * const hoverfly = await startRealHoverfly({ binary: (await requireTool('hoverfly')).path });
 * await hoverfly.load(JSON.parse(text));
 * await fetch(`${hoverfly.url}/pets`);
 * await hoverfly.stop();
 */
export async function startRealHoverfly(options: StartRealHoverflyOptions): Promise<RealHoverfly> {
  const host = options.host ?? '127.0.0.1';
  // Port 0 means any free port: Hoverfly itself cannot report the one it took.
  const port = options.port ? options.port : await freePort(host);
  const adminPort = options.adminPort ?? (await freePort(host));
  const args = [
    ...(options.webserver === false ? [] : ['-webserver']),
    '-listen-on-host',
    host,
    '-pp',
    String(port),
    '-ap',
    String(adminPort),
    '-journal-size',
    String(options.journalSize ?? 1000),
    '-logs',
    'plaintext',
    '-log-no-color',
    ...(options.args ?? []),
  ];
  const process: ManagedProcess = await startProcess({
    name: 'hoverfly',
    command: options.binary,
    args,
    env: options.env ?? {},
    cwd: options.cwd ?? '.',
    ...(options.onLine ? { onLine: (line: string) => options.onLine?.(line) } : {}),
  });
  const shown = host.includes(':') ? `[${host}]` : host;
  const adminUrl = `http://${shown}:${adminPort}`;
  try {
    await waitForHealth(process, `${adminUrl}/api/health`, { timeoutMs: 15_000 });
  } catch (error) {
    await process.stop();
    throw error;
  }
  const expectOk = async (what: string, method: string, path: string, body?: unknown) => {
    const r = await call(adminUrl, method, path, body);
    if (r.status < 200 || r.status > 299) throw refused(what, r.status, r.text);
    return r.text;
  };
  return {
    pid: process.pid,
    url: `http://${shown}:${port}`,
    adminUrl,
    async load(simulation) {
      return warningsOf(
        await expectOk(
          'load the simulation into Hoverfly',
          'PUT',
          '/api/v2/simulation',
          simulation,
        ),
      );
    },
    async append(simulation) {
      return warningsOf(
        await expectOk('add the simulation to Hoverfly', 'POST', '/api/v2/simulation', simulation),
      );
    },
    async registerPostServeAction(action) {
      await expectOk(
        `register the post-serve action ${action.name}`,
        'PUT',
        '/api/v2/hoverfly/post-serve-action',
        {
          actionName: action.name,
          binary: action.binary,
          script: action.script,
          delayInMs: action.delayMs ?? 0,
        },
      );
    },
    async resetState() {
      await expectOk("reset Hoverfly's state", 'DELETE', '/api/v2/state');
    },
    async state() {
      const text = await expectOk("read Hoverfly's state", 'GET', '/api/v2/state');
      return (JSON.parse(text) as { state?: Record<string, string> }).state ?? {};
    },
    async journal() {
      const text = await expectOk("read Hoverfly's journal", 'GET', '/api/v2/journal');
      return (JSON.parse(text) as { journal?: HoverflyJournalEntry[] }).journal ?? [];
    },
    async clearJournal() {
      await expectOk("clear Hoverfly's journal", 'DELETE', '/api/v2/journal');
    },
    async setMode(mode) {
      await expectOk(`switch Hoverfly to ${mode} mode`, 'PUT', '/api/v2/hoverfly/mode', { mode });
    },
    async simulation() {
      return JSON.parse(await expectOk('export the simulation', 'GET', '/api/v2/simulation'));
    },
    recentLines: () => process.recentLines(),
    async stop() {
      await process.stop();
    },
  };
}
