import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FaultSpec } from '../../mock/faults/types.js';
import type { MockResponse } from '../../mock/types.js';

/** Bytes that are not HTTP, sent by the `malformed-response` fault. */
export const MALFORMED_BYTES = Buffer.from(
  '\u0000\u0001GAUNTLET MALFORMED RESPONSE\r\n\u00ff\u00fe\r\n\r\n',
  'latin1',
);

/** Header pairs as a flat array for writeHead, without any Content-Length/Transfer-Encoding of the engine's. */
function flatHeaders(response: MockResponse): string[] {
  const flat: string[] = [];
  for (const [name, value] of response.headers) {
    const lower = name.toLowerCase();
    if (lower === 'content-length' || lower === 'transfer-encoding') continue;
    flat.push(name, value);
  }
  return flat;
}

/**
 * Acts a fault out on the socket instead of writing the response normally:
 * - `connection-reset`: TCP RST, nothing written;
 * - `empty-reply`: the connection is closed, nothing written;
 * - `truncated-body`: headers announce the whole body, `sendBytes` (default half) are written,
 *   then the connection is closed;
 * - `malformed-response`: {@link MALFORMED_BYTES}, then the connection is closed;
 * - `chunked-drip`: headers at once, then the body in `chunks` chunked-encoding pieces, one
 *   every `durationMs / chunks` ms (the last at `durationMs`). A client that hangs up stops it.
 *
 * @example
 * if (response.fault) applyFault(res, res.socket!, response, response.fault);
 */
export function applyFault(
  res: ServerResponse,
  socket: Socket,
  response: MockResponse,
  fault: FaultSpec,
): void {
  switch (fault.kind) {
    case 'connection-reset':
      socket.resetAndDestroy();
      return;
    case 'empty-reply':
      socket.destroy();
      return;
    case 'malformed-response':
      socket.end(MALFORMED_BYTES, () => socket.destroy());
      return;
    case 'truncated-body': {
      const body = response.body ?? new Uint8Array();
      const sendBytes = Math.min(
        fault.sendBytes ?? Math.floor(body.byteLength / 2),
        Math.max(0, body.byteLength - 1),
      );
      // An empty body still announces one byte, so the client waits for something that never comes.
      const declared = Math.max(body.byteLength, sendBytes + 1);
      const flat = flatHeaders(response);
      flat.push('Content-Length', String(declared));
      res.writeHead(response.status, flat);
      res.flushHeaders();
      const close = (): void => {
        socket.destroy();
      };
      if (sendBytes > 0) res.write(body.subarray(0, sendBytes), close);
      else res.write('', close);
      return;
    }
    case 'chunked-drip': {
      const body = response.body ?? new Uint8Array();
      const chunks = Math.max(1, fault.chunks);
      const size = Math.ceil(body.byteLength / chunks);
      const interval = Math.max(0, fault.durationMs) / chunks;
      // No Content-Length: node sends Transfer-Encoding: chunked to HTTP/1.1 clients.
      res.writeHead(response.status, flatHeaders(response));
      res.flushHeaders();
      const timers: NodeJS.Timeout[] = [];
      for (let i = 0; i < chunks; i++) {
        const piece = body.subarray(i * size, Math.min(body.byteLength, (i + 1) * size));
        const last = i === chunks - 1;
        timers.push(
          setTimeout(
            () => {
              if (piece.byteLength > 0) res.write(piece);
              if (last) res.end();
            },
            Math.round((i + 1) * interval),
          ),
        );
      }
      res.once('close', () => {
        for (const timer of timers) clearTimeout(timer);
      });
      return;
    }
  }
}

/**
 * Waits `response.delayMs` (if any), then acts out `response.fault`. Nothing happens when the
 * client hung up during the wait.
 *
 * @example
 * if (response.fault !== undefined) { deliverFault(res, response); return; }
 */
export function deliverFault(res: ServerResponse, response: MockResponse): void {
  const fault = response.fault;
  if (fault === undefined) return;
  const act = (): void => {
    const socket = res.socket;
    if (socket === null || socket.destroyed) return;
    applyFault(res, socket, response, fault);
  };
  const delay = response.delayMs;
  if (delay === undefined || delay <= 0) {
    act();
    return;
  }
  const timer = setTimeout(act, delay);
  res.once('close', () => clearTimeout(timer));
}
