// The MSW bridge: browser-safe (no Node APIs). `loadHandlers` (contract paths) is Node-only and
// lives in ./load-handlers.js.

export type { Service } from '../../model/index.js';
export { type CreateHandlersOptions, createHandlers, mockHostOf } from './create-handlers.js';
export { toMockRequest } from './to-mock-request.js';
export { toResponse } from './to-response.js';
