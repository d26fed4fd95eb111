/**
 * Hoverfly simulations, normalised to the v5.3 shape whatever the file's schema version
 * (v1–v4 request templates and `exactMatch`/`globMatch` fields are upgraded on load).
 */

/** `{matcher: 'glob', value: '*.json'}`; `doMatch` chains a second matcher on the first's output. */
export interface HoverflyMatcher {
  /** Lower-case: exact, glob, regex, json, jsonpartial, jsonpath, xml, xpath, form, array, negate, jwt. */
  matcher: string;
  value: unknown;
  config?: Record<string, unknown>;
  doMatch?: HoverflyMatcher;
}

export interface HoverflyRequestMatcher {
  method?: HoverflyMatcher[];
  scheme?: HoverflyMatcher[];
  destination?: HoverflyMatcher[];
  path?: HoverflyMatcher[];
  body?: HoverflyMatcher[];
  query?: Record<string, HoverflyMatcher[]>;
  headers?: Record<string, HoverflyMatcher[]>;
  /** v5 form matchers on `application/x-www-form-urlencoded` bodies. */
  form?: Record<string, HoverflyMatcher[]>;
  requiresState?: Record<string, string>;
}

export interface LogNormalDelay {
  min: number;
  max: number;
  mean: number;
  median: number;
}

export interface HoverflyResponse {
  status: number;
  /** The body text (decoded from base64 when `encodedBody` was set, see `bodyBytesBase64`). */
  body: string;
  /** Set when the source body was base64 (`encodedBody: true`): the raw bytes, base64. */
  bodyBytesBase64?: string;
  /** The `bodyFile` the source named (already read into `body` at load time). */
  bodyFile?: string;
  headers: Record<string, string[]>;
  templated: boolean;
  transitionsState?: Record<string, string>;
  removesState?: string[];
  fixedDelay?: number;
  logNormalDelay?: LogNormalDelay;
  postServeAction?: string;
}

export interface HoverflyPair {
  request: HoverflyRequestMatcher;
  response: HoverflyResponse;
  labels?: string[];
}

export interface HoverflyGlobalDelay {
  urlPattern: string;
  httpMethod?: string;
  delay: number;
}

export interface HoverflyGlobalLogNormalDelay extends LogNormalDelay {
  urlPattern: string;
  httpMethod?: string;
}

export interface HoverflySimulation {
  pairs: HoverflyPair[];
  globalActions: {
    delays: HoverflyGlobalDelay[];
    delaysLogNormal: HoverflyGlobalLogNormalDelay[];
  };
  /** Template literals and variables (v5.2+), kept as data. */
  literals?: Array<{ name: string; value: unknown }>;
  variables?: Array<{ name: string; function: string; arguments?: unknown[] }>;
  meta: { schemaVersion: string; hoverflyVersion?: string; timeExported?: string };
}
