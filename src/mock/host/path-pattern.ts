import { escapeRegex } from '../../util/text.js';
/**
 * Path globs for the admin API: `*` matches within one segment, `**` across segments, anything
 * else is literal. Compiled to a regex built only from escaped text and two fixed fragments, so
 * a pattern from an (exposed) admin caller cannot stall the server.
 */

/**
 * A test for paths: exact when the pattern has no `*`, else the glob.
 *
 * @example
 * compilePathPattern('/orders/*')('/orders/42'); // true
 * compilePathPattern('/orders/*')('/orders/42/items'); // false
 * compilePathPattern('/orders/**')('/orders/42/items'); // true
 */
export function compilePathPattern(pattern: string): (path: string) => boolean {
  if (!pattern.includes('*')) return (path) => path === pattern;
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        source += '.*';
        i++;
      } else {
        source += '[^/]*';
      }
    } else {
      source += escapeRegex(c);
    }
  }
  const regex = new RegExp(`^${source}$`);
  return (path) => regex.test(path);
}
