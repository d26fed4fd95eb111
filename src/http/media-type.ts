/**
 * Content negotiation on `Accept` (RFC 9110 §12.5.1): q-values, `type/*` and `*\/*` ranges,
 * and wildcards on the contract's side (`*\/*` content in a response).
 */

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
  specificity: number;
  order: number;
}

/** `application/json; charset=utf-8` → `application/json` (lower case). */
export function essence(mediaType: string): string {
  const semi = mediaType.indexOf(';');
  return (semi >= 0 ? mediaType.slice(0, semi) : mediaType).trim().toLowerCase();
}

/** Parses an Accept header into ranges, best first; ranges with q=0 are dropped. */
export function parseAccept(header: string): MediaRange[] {
  const out: MediaRange[] = [];
  header.split(',').forEach((part, order) => {
    const [range, ...params] = part.split(';');
    const media = (range ?? '').trim().toLowerCase();
    if (media === '') return;
    const slash = media.indexOf('/');
    const type = slash >= 0 ? media.slice(0, slash) : media;
    const subtype = slash >= 0 ? media.slice(slash + 1) : '*';
    let q = 1;
    for (const param of params) {
      const [key, value] = param.split('=');
      if (key?.trim().toLowerCase() === 'q' && value !== undefined) {
        const parsed = Number(value.trim());
        if (!Number.isNaN(parsed)) q = parsed;
      }
    }
    if (q <= 0) return;
    const specificity = type === '*' ? 0 : subtype === '*' ? 1 : 2;
    out.push({ type, subtype, q, specificity, order });
  });
  return out.sort((a, b) => b.q - a.q || b.specificity - a.specificity || a.order - b.order);
}

function matches(range: MediaRange, offered: string): boolean {
  const slash = offered.indexOf('/');
  const type = slash >= 0 ? offered.slice(0, slash) : offered;
  const subtype = slash >= 0 ? offered.slice(slash + 1) : '*';
  const typeOk = range.type === '*' || type === '*' || range.type === type;
  const subtypeOk = range.subtype === '*' || subtype === '*' || range.subtype === subtype;
  return typeOk && subtypeOk;
}

export function isJsonMediaType(mediaType: string): boolean {
  const e = essence(mediaType);
  return e === 'application/json' || e.endsWith('+json') || e === '*/*' || e === 'application/*';
}

export interface Negotiated {
  /** Index into the offered media types. */
  index: number;
  /** The Content-Type to send: the offered type, or the accepted one when the offer is a wildcard. */
  contentType: string;
}

function concrete(offered: string, range: MediaRange | undefined): string {
  if (!offered.includes('*')) return offered;
  if (range && range.type !== '*' && range.subtype !== '*') return `${range.type}/${range.subtype}`;
  return 'application/json';
}

/**
 * Picks the offered media type that best fits `accept`. No Accept header (or `*\/*`) prefers
 * the first JSON type, then the first offered. Returns undefined when nothing fits (406).
 */
export function negotiate(
  offered: readonly string[],
  accept: string | undefined,
): Negotiated | undefined {
  if (offered.length === 0) return undefined;
  const essences = offered.map(essence);
  const ranges = accept === undefined || accept.trim() === '' ? [] : parseAccept(accept);
  const anything = ranges.length === 0 || (ranges[0]!.type === '*' && ranges[0]!.subtype === '*');
  if (anything) {
    const json = essences.findIndex((e) => isJsonMediaType(e));
    const index = Math.max(json, 0);
    return { index, contentType: concrete(offered[index]!, undefined) };
  }
  for (const range of ranges) {
    const index = essences.findIndex((e) => matches(range, e));
    if (index >= 0) return { index, contentType: concrete(offered[index]!, range) };
  }
  return undefined;
}
