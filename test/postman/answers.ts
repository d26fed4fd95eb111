/** One recorded answer: what the parity test compares. */
export interface RecordedAnswer {
  status: number;
  contentType: string | null;
  /** The headers that carry meaning for a client (see `recordedHeaders`), names lower-case. */
  headers: Record<string, string>;
  body: string;
}

/** Headers worth comparing: the API's own (`x-*`), `allow` and `www-authenticate`. */
export function recordedHeaders(headers: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (
      lower === 'allow' ||
      lower === 'www-authenticate' ||
      (lower.startsWith('x-') && lower !== 'x-powered-by')
    )
      out[lower] = value;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
