const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

function hex(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buffer);
  let out = '';
  for (const byte of buffer) out += byte.toString(16).padStart(2, '0');
  return out;
}

/**
 * A W3C traceparent that is a child of `parent` (same trace id and flags, new span id), or a new
 * sampled trace when `parent` is absent, malformed or has the all-zero trace id.
 *
 * @example
 * nextTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
 * // '00-4bf92f3577b34da6a3ce929d0e0e4736-<16 new hex digits>-01'
 */
export function nextTraceparent(parent: string | undefined): string {
  const match = parent === undefined ? null : TRACEPARENT.exec(parent.trim().toLowerCase());
  if (match !== null && match[2] !== '0'.repeat(32)) {
    return `00-${match[2]}-${hex(8)}-${match[4]}`;
  }
  return `00-${hex(16)}-${hex(8)}-01`;
}
