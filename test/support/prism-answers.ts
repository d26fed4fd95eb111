/**
 * What a Prism parity suite sends and what it records (no vitest here: the recording script,
 * scripts/record-prism-answers.ts, imports it outside a test run). See prism-parity.ts.
 */

/** One request of a parity suite. */
export interface ParityRequest {
  /** What the case shows, e.g. "a :param segment matches any value". */
  name: string;
  method: string;
  /** Path and query, percent-encoded as a client sends it. */
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

/** The requests sent to one contract file of a suite. */
export interface ParityCollection {
  file: string;
  requests: ParityRequest[];
}

/** One recorded answer: what the parity tests compare. */
export interface RecordedAnswer {
  status: number;
  contentType: string | null;
  /** The headers that carry meaning for a client (see `recordedHeaders`), names lower-case. */
  headers: Record<string, string>;
  body: string;
}

/** Headers worth comparing: the API's own (`x-*`), `allow`, `deprecation`, `www-authenticate`. */
export function recordedHeaders(headers: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (
      lower === 'allow' ||
      lower === 'deprecation' ||
      lower === 'www-authenticate' ||
      (lower.startsWith('x-') && lower !== 'x-powered-by')
    )
      out[lower] = value;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
