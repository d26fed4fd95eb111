// Gauntlet's public library API. Names are re-exported one by one, grouped by area; anything not
// listed here is internal.

export type { LoadPathsOptions } from './adapters/fs/load-paths.js';
export { loadPaths } from './adapters/fs/load-paths.js';
// Errors
export type { ErrorCode, GauntletErrorOptions } from './errors.js';
export { ERROR_CODES, GauntletError, isGauntletError } from './errors.js';

// Loading contracts
export type { LoadSourceOptions } from './formats/load-source.js';
export { loadSource } from './formats/load-source.js';
// The model
export type {
  Diagnostic,
  HttpOperation,
  LoadedSource,
  PactHttpInteraction,
  PactMessage,
  Service,
  Severity,
  SourceFormat,
  SourceLocation,
} from './model/index.js';
export { formatLocation, hasErrors } from './model/index.js';
