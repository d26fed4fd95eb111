/** The Pact matching engine: rules, bodies (JSON, XML, text, forms), requests, responses, messages. */
export { matchBody } from './body.js';
export { validateDateTime } from './date-format.js';
export type { GeneratedValue, GeneratorContext, GeneratorResult } from './generators.js';
export { applyGenerators, formatDateTime, generateValue } from './generators.js';
export { matchHeaders } from './headers.js';
export { compareJson } from './json-body.js';
export { matchMessage, matchRequest, matchResponse } from './match-interaction.js';
export { matchRuleList, matchValue } from './match-value.js';
export { compareQueryMaps } from './query.js';
export { sampleRegex } from './regex-sample.js';
export { matchStatus } from './status.js';
export type { MatchOptions, Mismatch, MismatchKind } from './types.js';
export { compareXml } from './xml-body.js';
