import type { MockResponse } from '../../mock/types.js';

const encoder = new TextEncoder();

/** Problems the HTTP adapter answers itself, before or around the engine; same shape as the engine's. */
function problem(
  kind: string,
  status: number,
  title: string,
  code: string,
  detail: string,
  extraHeaders: Array<[string, string]> = [],
): MockResponse {
  const body = {
    type: `https://gauntlet.dev/problems#${kind}`,
    title,
    status,
    detail,
    diagnostics: [{ code, severity: 'error', message: detail }],
  };
  return {
    status,
    headers: [['Content-Type', 'application/problem+json'], ...extraHeaders],
    body: encoder.encode(JSON.stringify(body)),
  };
}

/** 413: the body is over the limit. The connection is closed so the rest is never read. */
export function payloadTooLarge(limit: number): MockResponse {
  return problem(
    'PAYLOAD_TOO_LARGE',
    413,
    'Payload too large',
    'mock.request.body.too-large',
    `Failed to read the request body: because it is larger than ${limit} bytes. Send a smaller body, or start the mock with a larger maxBodyBytes.`,
    [['Connection', 'close']],
  );
}

/** 500: the engine threw. The message is the error's, never its stack. */
export function internalError(error: unknown): MockResponse {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return problem(
    'INTERNAL',
    500,
    'Internal mock error',
    'mock.internal',
    `Failed to answer the request: because the mock engine threw ${reason}. This is a Gauntlet bug; please report it with the request and the contract.`,
  );
}
