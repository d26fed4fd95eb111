// The one normalised contract model. Every format loads into it; every engine reads it.

export type { Diagnostic, Severity, SourceLocation } from './diagnostic.js';
export {
  escapePointerToken,
  formatLocation,
  hasErrors,
  pointer,
  unescapePointerToken,
} from './diagnostic.js';
export type {
  HoverflyGlobalDelay,
  HoverflyGlobalLogNormalDelay,
  HoverflyMatcher,
  HoverflyPair,
  HoverflyRequestMatcher,
  HoverflyResponse,
  HoverflySimulation,
  LogNormalDelay,
} from './hoverfly.js';
export type {
  Callback,
  Encoding,
  Example,
  Header,
  HttpMethod,
  HttpOperation,
  MediaContent,
  Parameter,
  ParameterLocation,
  ParameterStyle,
  RequestBody,
  Response,
  SecurityRequirement,
  SecurityScheme,
  Server,
} from './http.js';
export { HTTP_METHODS } from './http.js';
export type {
  ArrayContainsVariant,
  Generator,
  Generators,
  MatchingRule,
  MatchingRules,
  PactAsyncMessage,
  PactBody,
  PactHttpInteraction,
  PactHttpRequest,
  PactHttpResponse,
  PactInfo,
  PactMessage,
  PactMessageContents,
  PactSpecVersion,
  PactSyncMessage,
  ProviderState,
  RuleCategory,
  RuleList,
} from './pact.js';
export type { JsonSchema, JsonSchemaObject } from './schema.js';
export { SCHEMA_REF_PREFIX, schemaRef } from './schema.js';
export type { LoadedSource, Service, SourceFormat } from './service.js';
export { emptyService, SOURCE_FORMATS } from './service.js';
