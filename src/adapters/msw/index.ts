// The MSW bridge: browser-safe (no Node APIs). To load contract files in Node, use
// `loadContracts` from the main entry point (`gauntlet`) and pass the services to createHandlers.

export type { Service } from '../../model/index.js';
export { type CreateHandlersOptions, createHandlers, mockHostOf } from './create-handlers.js';
export { toMockRequest } from './to-mock-request.js';
export { toResponse } from './to-response.js';
