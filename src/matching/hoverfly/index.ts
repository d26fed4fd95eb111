/** Hoverfly request matching: field matchers (with `doMatch` chaining) and whole-request scoring. */
export type {
  CompiledRequestMatcher,
  FieldMiss,
  HoverflyActualRequest,
  PairMatch,
} from './match-request.js';
export { compileRequestMatcher } from './match-request.js';
export type { CompiledMatcher } from './matchers.js';
export {
  compileMatcher,
  decodeJwt,
  globToRegex,
  goRegex,
  jsonPartial,
  parseForm,
  SUPPORTED_MATCHERS,
} from './matchers.js';
