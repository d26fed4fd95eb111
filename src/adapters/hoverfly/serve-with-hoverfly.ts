import { GauntletError } from '../../errors.js';
import {
  type HoverflyJournalEntry,
  type RealHoverfly,
  startRealHoverfly,
} from './real-hoverfly.js';

export interface ServeWithHoverflyOptions {
  /** The hoverfly binary (`requireTool('hoverfly')`). */
  binary: string;
  /** The simulation files as written (sent to Hoverfly untouched, in order). */
  simulations: Array<{ file: string; text: string }>;
  port: number;
  host: string;
  /** Hoverfly's admin API port (default: a free one). */
  adminPort?: number;
  journalSize?: number;
  /** Relative `bodyFile`s resolve against this folder (Hoverfly's `-response-body-files-path`). */
  bodyFilesPath?: string;
  /** One line per request Hoverfly served, read from its journal; a miss carries Hoverfly's own text. */
  log?: (line: string) => void;
  /** How often the journal is read for `log` (default 250 ms). */
  pollMs?: number;
}

export interface HoverflyEngine {
  url: string;
  adminUrl: string;
  pid: number;
  /** Hoverfly's warnings on import (pairs it did not add…), per file. */
  warnings: Array<{ file: string; message: string }>;
  close(): Promise<void>;
}

/** "GET /pets → 200", and for a miss the part of Hoverfly's answer that names the closest matcher. */
export function journalLine(entry: HoverflyJournalEntry): string {
  const r = entry.request;
  const query = r.query ? `?${r.query}` : '';
  const status = entry.response.status ?? 0;
  const line = `${r.method ?? '?'} ${r.path ?? '/'}${query} → ${status}`;
  const body = entry.response.body ?? '';
  if (status !== 502 || !body.startsWith('Hoverfly Error!')) return line;
  const closest =
    /The matcher which came closest was:\n\n([\s\S]*?)\n\nBut it did not match on the following fields:\n\n(\[[^\]]*\])/.exec(
      body,
    );
  return closest
    ? `${line} MISS: closest matcher ${closest[1]?.replace(/\s+/g, ' ')} failed on ${closest[2]}`
    : `${line} MISS: no pair matches`;
}

/**
 * Serves simulations with the real Hoverfly (webserver mode) instead of Gauntlet's engine: the
 * files go to Hoverfly as written (the first replaces its simulation, the others are appended, as
 * `hoverfly -import a -import b` does), and the log lines come from Hoverfly's journal. Throws
 * GAUNTLET_E_HOVERFLY_ENGINE when Hoverfly does not start or refuses a file; stops it then.
 *
 * @example
 * const engine = await serveWithHoverfly({ binary, simulations: [{ file, text }], port: 4010, host: '127.0.0.1' });
 * await engine.close();
 */
export async function serveWithHoverfly(
  options: ServeWithHoverflyOptions,
): Promise<HoverflyEngine> {
  let hoverfly: RealHoverfly;
  try {
    hoverfly = await startRealHoverfly({
      binary: options.binary,
      host: options.host,
      port: options.port,
      ...(options.adminPort === undefined ? {} : { adminPort: options.adminPort }),
      ...(options.journalSize === undefined ? {} : { journalSize: options.journalSize }),
      ...(options.bodyFilesPath === undefined
        ? {}
        : { args: ['-response-body-files-path', options.bodyFilesPath] }),
    });
  } catch (error) {
    throw new GauntletError(
      'GAUNTLET_E_HOVERFLY_ENGINE',
      `Failed to start Hoverfly on ${options.host}:${options.port}: because ${error instanceof Error ? error.message : String(error)}`,
      { hint: 'Is the port taken? Pass another --port, or serve with Gauntlet (drop --engine).' },
    );
  }
  const warnings: HoverflyEngine['warnings'] = [];
  let timer: NodeJS.Timeout | undefined;
  for (const [index, { file, text }] of options.simulations.entries()) {
    try {
      const document: unknown = JSON.parse(text);
      const found = index === 0 ? await hoverfly.load(document) : await hoverfly.append(document);
      for (const message of found) warnings.push({ file, message });
    } catch (error) {
      await hoverfly.stop();
      const because =
        error instanceof SyntaxError
          ? 'it is not JSON (Hoverfly reads JSON simulations only)'
          : error instanceof GauntletError
            ? error.message.replace(/^Failed to [^:]*: because /, '')
            : String(error);
      throw new GauntletError(
        'GAUNTLET_E_HOVERFLY_ENGINE',
        `Failed to load ${file} into Hoverfly: because ${because}`,
        {
          hint: 'Serve it with Gauntlet (drop --engine hoverfly) to see what Gauntlet makes of it.',
        },
      );
    }
  }
  if (options.log) {
    const log = options.log;
    let seen = 0;
    let reading = false;
    timer = setInterval(() => {
      if (reading) return;
      reading = true;
      hoverfly
        .journal()
        .then((entries) => {
          // The journal is capped: when it shrank, it wrapped; print what is new at the end.
          if (entries.length < seen) seen = 0;
          for (const entry of entries.slice(seen)) log(journalLine(entry));
          seen = entries.length;
        })
        .catch(() => undefined)
        .finally(() => {
          reading = false;
        });
    }, options.pollMs ?? 250);
    timer.unref();
  }
  return {
    url: hoverfly.url,
    adminUrl: hoverfly.adminUrl,
    pid: hoverfly.pid,
    warnings,
    async close() {
      if (timer) clearInterval(timer);
      await hoverfly.stop();
    },
  };
}
