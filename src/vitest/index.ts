// `gauntlet/vitest`: test helpers that start the mocks of a test file.
export {
  formatMisses,
  type MockMiss,
  MockSession,
  type MockSessionOptions,
  SESSION_HEADER,
} from './mock-session.js';
export { type Mocks, type UseMocksOptions, useMocks } from './use-mocks.js';
