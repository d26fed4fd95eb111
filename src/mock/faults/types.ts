/**
 * Faults and latency as plain data. The pure engines put a resolved {@link FaultSpec} on a
 * MockResponse (`response.fault`) and a resolved delay in `response.delayMs`; the node adapter
 * (src/adapters/http/faults.ts) acts them out on the socket.
 */

/**
 * What goes wrong with one response.
 * - `connection-reset`: the socket is reset (TCP RST) without a byte of response.
 * - `empty-reply`: the connection is closed (FIN) without a byte of response.
 * - `truncated-body`: the status line and headers announce the full Content-Length, then only
 *   `sendBytes` bytes of the body (default: half) are written and the connection is closed.
 * - `malformed-response`: bytes that are not HTTP are written, then the connection is closed.
 * - `chunked-drip`: the body is sent with chunked encoding in `chunks` pieces spread over
 *   `durationMs` (a slow server; clients with read timeouts should give up).
 */
export type FaultSpec =
  | { kind: 'connection-reset' }
  | { kind: 'empty-reply' }
  | { kind: 'truncated-body'; sendBytes?: number }
  | { kind: 'malformed-response' }
  | { kind: 'chunked-drip'; chunks: number; durationMs: number };

export type FaultKind = FaultSpec['kind'];

export const FAULT_KINDS: readonly FaultKind[] = [
  'connection-reset',
  'empty-reply',
  'truncated-body',
  'malformed-response',
  'chunked-drip',
];

/**
 * Latency before a response is written.
 * - a number, or `{kind: 'fixed', ms}`: always that many milliseconds;
 * - `{kind: 'log-normal', median, sigma}`: a log-normal draw (most answers near `median`, a long
 *   tail whose weight grows with `sigma`), clamped to `[min, max]` when given. Draws come from a
 *   seeded generator so a run is repeatable.
 */
export type DelaySpec =
  | number
  | { kind: 'fixed'; ms: number }
  | { kind: 'log-normal'; median: number; sigma: number; min?: number; max?: number };
