import type { RequestSample } from '../../chaos/journal.js';

/** The request a Gauntlet probe sends (its arguments). */
export interface ProbeRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON. */
  body?: unknown;
  /** Client-side limit per request (default 10 s): a probe never hangs. */
  timeout_ms?: number;
}

export interface ProbeAnswer {
  /** 0 when no answer came (network error, our own timeout). */
  status: number;
  ms: number;
  body: unknown;
  /** Why there was no answer. */
  error?: string;
}

/** Records each request a probe makes (for the latency plot of the timeline). */
export type SampleSink = (sample: Omit<RequestSample, 'at'> & { startedAt: number }) => void;

/**
 * Sends one request and measures it; never throws for a failed request (status 0 and the
 * error), so probes can judge timeouts and refusals themselves. `signal` cancels it.
 */
export async function sendProbeRequest(
  request: ProbeRequest,
  signal: AbortSignal,
  probe: string,
  sink?: SampleSink,
): Promise<ProbeAnswer> {
  const timeoutMs = request.timeout_ms ?? 10_000;
  const headers: Record<string, string> = { ...(request.headers ?? {}) };
  let body: string | undefined;
  if (request.body !== undefined) {
    body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json';
    }
  }
  const startedAt = Date.now();
  const start = performance.now();
  let answer: ProbeAnswer;
  try {
    const response = await fetch(request.url, {
      method: request.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.any([signal, AbortSignal.timeout(Math.max(1, Math.ceil(timeoutMs)))]),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? '' : JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    answer = { status: response.status, ms: performance.now() - start, body: parsed };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    answer = {
      status: 0,
      ms: performance.now() - start,
      body: undefined,
      error: timedOut ? `no answer within ${timeoutMs} ms` : innermost(error),
    };
  }
  sink?.({
    startedAt,
    ms: answer.ms,
    status: answer.status === 0 ? 'error' : answer.status,
    probe,
  });
  return answer;
}

export function innermost(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  let cause = error instanceof Error ? error.cause : undefined;
  while (cause instanceof Error) {
    if (cause.message !== '') message = cause.message;
    cause = cause.cause;
  }
  return message;
}

/** The request fields of a probe's arguments. */
export function requestOf(args: Record<string, unknown>): ProbeRequest {
  return {
    url: String(args.url),
    ...(typeof args.method === 'string' ? { method: args.method } : {}),
    ...(typeof args.headers === 'object' && args.headers !== null
      ? { headers: args.headers as Record<string, string> }
      : {}),
    ...(args.body === undefined ? {} : { body: args.body }),
    ...(typeof args.timeout_ms === 'number' ? { timeout_ms: args.timeout_ms } : {}),
  };
}
