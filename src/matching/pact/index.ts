/** The Pact matching engine: rules, bodies (JSON, XML, text, forms), requests, responses, messages. */
export { matchBody } from './body.js';
export { matchHeaders } from './headers.js';
export { compareJson } from './json-body.js';
export { matchRequest, matchResponse, matchMessage } from './match-interaction.js';
export { matchValue, matchRuleList } from './match-value.js';
export { compareQueryMaps } from './query.js';
export { matchStatus } from './status.js';
export type { Mismatch, MismatchKind, MatchOptions } from './types.js';
export { compareXml } from './xml-body.js';
