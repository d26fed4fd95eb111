import { problemResponse } from '../../http/problem.js';
import type { MockResponse } from '../../mock/types.js';

/** 413: the body is over the limit. The connection is closed so the rest is never read. */
export function payloadTooLarge(limit: number): MockResponse {
  const detail = `Failed to read the request body: because it is larger than ${limit} bytes. Send a smaller body, or start the mock with a larger maxBodyBytes.`;
  return problemResponse(
    'PAYLOAD_TOO_LARGE',
    detail,
    [{ code: 'mock.request.body.too-large', severity: 'error', message: detail }],
    [['Connection', 'close']],
  );
}

/** 500: the engine threw. The message is the error's, never its stack. */
export function internalError(error: unknown): MockResponse {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const detail = `Failed to answer the request: because the mock engine threw ${reason}. This is a Gauntlet bug; please report it with the request and the contract.`;
  return problemResponse('INTERNAL', detail, [
    { code: 'mock.internal', severity: 'error', message: detail },
  ]);
}
