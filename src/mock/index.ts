// The mock engine's surface for the other rooms (verify, run, system, ci, cli): they import
// from here, never from the engine's internals. The public API (src/index.ts) picks from it.

export type { CompileOptions } from './compile.js';
export { compile } from './compile.js';
export type { JournalEntry } from './host/types.js';
export type { MockEngine, MockRequest, MockResponse } from './types.js';
