/**
 * The one loopback rule: the whole 127.0.0.0/8 range, `::1`, `localhost` and IPv4-mapped
 * `::ffff:127.x.y.z`, with or without the brackets a URL puts around IPv6 hosts. Used where a
 * local-only promise matters: the admin API without a token, verification's generated requests.
 */
const LOOPBACK =
  /^(?:127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}|::1|localhost|::ffff:127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3})$/i;

/**
 * Is `host` (a hostname or an address; `[::1]` as URLs write it) reachable only from this machine?
 *
 * @example
 * isLoopbackHost('127.0.0.2'); // true
 * isLoopbackHost(new URL('http://[::1]:4010').hostname); // true
 * isLoopbackHost('10.0.0.1'); // false
 */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host.replace(/^\[|\]$/g, ''));
}
