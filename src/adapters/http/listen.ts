import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GauntletError } from '../../errors.js';

/** Limits that cut header floods, slow clients and idle sockets. All in milliseconds. */
export interface ServerTimeouts {
  /** Time to receive a request's complete header block (slowloris guard). Default 10 000. */
  headersMs?: number;
  /** Time to receive a complete request, body included. Default 30 000. */
  requestMs?: number;
  /** Idle time a keep-alive socket is kept between requests. Default 5 000. */
  keepAliveMs?: number;
  /** Inactivity on a socket (e.g. a client that never reads its answer). Default 60 000. */
  socketIdleMs?: number;
}

export interface ListenOptions {
  host: string;
  port: number;
  timeouts?: ServerTimeouts;
  /** Header block size limit in bytes (default 16 KiB, node's). Over it: 431. */
  maxHeaderSize?: number;
  /** Headers beyond this count are dropped (default 100). */
  maxHeadersCount?: number;
}

export interface ListeningServer {
  server: Server;
  /** `http://127.0.0.1:4010` (no trailing slash). */
  url: string;
  port: number;
  /** Stops accepting, closes every socket (idle keep-alive ones included) and resolves. */
  close(): Promise<void>;
}

/** The URL a person would type: wildcard hosts shown as localhost, IPv6 in brackets. */
export function formatBaseUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

/**
 * Creates a hardened node:http server around `listener` and listens on host:port (0 = a free
 * port). Port-in-use and permission errors become GAUNTLET_E_MOCK_LISTEN with what to do.
 *
 * @example
 * const { url, close } = await listen(createRequestListener(engine), { host: '127.0.0.1', port: 0 });
 */
export async function listen(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  options: ListenOptions,
): Promise<ListeningServer> {
  const headersMs = options.timeouts?.headersMs ?? 10_000;
  const requestMs = Math.max(options.timeouts?.requestMs ?? 30_000, headersMs);
  const server = createServer(
    {
      maxHeaderSize: options.maxHeaderSize ?? 16 * 1024,
      headersTimeout: headersMs,
      requestTimeout: requestMs,
      // How often node checks the two timeouts above; its default (30 s) would let a
      // slowloris client hold a socket up to 30 s past the limit.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersMs / 2))),
      keepAliveTimeout: options.timeouts?.keepAliveMs ?? 5000,
    },
    listener,
  );
  server.maxHeadersCount = options.maxHeadersCount ?? 100;
  server.timeout = options.timeouts?.socketIdleMs ?? 60_000;

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      const where = `${options.host}:${options.port}`;
      const reason =
        error.code === 'EADDRINUSE'
          ? 'the port is already in use'
          : error.code === 'EACCES'
            ? 'permission denied (ports below 1024 need privileges)'
            : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND'
              ? `${options.host} is not an address of this machine`
              : error.message;
      reject(
        new GauntletError(
          'GAUNTLET_E_MOCK_LISTEN',
          `Failed to listen on ${where}: because ${reason}.`,
          {
            hint: 'Stop the other process, or pass another --port (0 picks a free one) or --host.',
            cause: error,
          },
        ),
      );
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(options.port, options.host);
  });

  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    server,
    port,
    url: formatBaseUrl(options.host, port),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // close() only stops accepting; keep-alive sockets would hold it open for seconds.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
