import { normalisePath } from '../types.js';

/**
 * AMF resolves `!include`s and `uses:` as URLs against the URL of the file that names them. We
 * give it `file://` URLs and map them back to the user's paths, so that messages and the
 * `readFile` callback see `contracts/lib.raml`, never `file:///…`.
 *
 * Relative user paths live under a deep made-up folder: AMF collapses `..` in URLs, so a
 * relative `../shared/types.raml` must stay inside the URL's path to survive the round trip.
 */
const DEPTH = 16;
const ROOT_SEGMENTS = Array.from({ length: DEPTH }, (_, i) => `~gauntlet${i}`);
const ROOT = `/${ROOT_SEGMENTS.join('/')}`;

function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The `file://` URL AMF sees for a user path (absolute or relative to the working folder). */
export function pathToUrl(path: string): string {
  const normal = normalisePath(path);
  if (normal.startsWith('/')) return `file://${encodePath(normal)}`;
  return `file://${encodePath(normalisePath(`${ROOT}/${normal}`))}`;
}

/** The user path for a `file://` URL made by `pathToUrl`; `undefined` for other URLs. */
export function urlToPath(url: string): string | undefined {
  if (!url.startsWith('file://')) return undefined;
  const rest = url.slice('file://'.length).split('#')[0] ?? '';
  const segments = normalisePath(rest.startsWith('/') ? rest : `/${rest}`)
    .split('/')
    .slice(1)
    .map(decodeSegment);
  let matched = 0;
  while (matched < DEPTH && segments[matched] === ROOT_SEGMENTS[matched]) matched++;
  if (matched === 0) return `/${segments.join('/')}`;
  // Fewer matched folders than DEPTH means the path climbed above the working folder.
  const ups = Array.from({ length: DEPTH - matched }, () => '..');
  return normalisePath([...ups, ...segments.slice(matched)].join('/'));
}
