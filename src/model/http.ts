import type { SourceLocation } from './diagnostic.js';
import type { JsonSchema } from './schema.js';

/** Upper-case HTTP method. */
export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE';

export const HTTP_METHODS: readonly HttpMethod[] = [
  'GET',
  'PUT',
  'POST',
  'DELETE',
  'OPTIONS',
  'HEAD',
  'PATCH',
  'TRACE',
];

/** A server (OpenAPI `servers[]`, Swagger `host`+`basePath`+`schemes`, RAML `baseUri`). */
export interface Server {
  /** URL template, e.g. `https://{region}.example.com/v1` or `/v1`. */
  url: string;
  description?: string;
  variables?: Record<string, { default: string; enum?: string[]; description?: string }>;
}

/** A named example (OpenAPI `examples`, or the single `example` under the name `default`). */
export interface Example {
  name: string;
  summary?: string;
  description?: string;
  /** The example value; absent when only `externalValue` is given. */
  value?: unknown;
  externalValue?: string;
}

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export type ParameterStyle =
  | 'matrix'
  | 'label'
  | 'form'
  | 'simple'
  | 'spaceDelimited'
  | 'pipeDelimited'
  | 'deepObject';

export interface Parameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  description?: string;
  deprecated?: boolean;
  schema?: JsonSchema;
  /** Serialisation style; defaults per location as in OpenAPI 3 (path/header: simple, query/cookie: form). */
  style?: ParameterStyle;
  explode?: boolean;
  allowEmptyValue?: boolean;
  allowReserved?: boolean;
  examples: Example[];
  /** OpenAPI 3 `content` form of a parameter (one media type). */
  content?: MediaContent[];
}

/** A header of a response (a Parameter without `in`). */
export interface Header {
  name: string;
  required: boolean;
  description?: string;
  deprecated?: boolean;
  schema?: JsonSchema;
  style?: ParameterStyle;
  explode?: boolean;
  examples: Example[];
}

export interface Encoding {
  contentType?: string;
  style?: ParameterStyle;
  explode?: boolean;
  allowReserved?: boolean;
  headers?: Header[];
}

/** One media type of a request or response body. */
export interface MediaContent {
  /** e.g. `application/json`, `application/x-www-form-urlencoded`, `*\/*`. */
  mediaType: string;
  schema?: JsonSchema;
  examples: Example[];
  /** Per-property encoding for form and multipart bodies. */
  encoding?: Record<string, Encoding>;
}

export interface RequestBody {
  required: boolean;
  description?: string;
  contents: MediaContent[];
}

export interface Response {
  /** `200`, `2XX` or `default`. */
  status: string;
  description?: string;
  headers: Header[];
  contents: MediaContent[];
  /** OpenAPI links, kept as data for generators. */
  links?: Record<string, unknown>;
}

/** Security schemes, normalised across OpenAPI 2/3 and RAML. */
export type SecurityScheme =
  | { type: 'apiKey'; name: string; in: 'query' | 'header' | 'cookie'; description?: string }
  | { type: 'http'; scheme: string; bearerFormat?: string; description?: string }
  | { type: 'oauth2'; flows: Record<string, unknown>; description?: string }
  | { type: 'openIdConnect'; openIdConnectUrl: string; description?: string }
  | { type: 'mutualTLS'; description?: string }
  /** RAML `x-custom` and other schemes we keep but cannot check. */
  | { type: 'other'; name: string; description?: string };

/** One alternative: every scheme named must be satisfied (AND), with its scopes. */
export type SecurityRequirement = Record<string, string[]>;

/** An OpenAPI callback: `expression` is the runtime expression, e.g. `{$request.body#/url}`. */
export interface Callback {
  name: string;
  expression: string;
  operations: HttpOperation[];
}

export interface HttpOperation {
  /** operationId, or `METHOD path` when the source has none. Unique within a service. */
  id: string;
  method: HttpMethod;
  /** Path template relative to the server base, always starting with `/`, e.g. `/pets/{petId}`. */
  path: string;
  summary?: string;
  description?: string;
  tags: string[];
  deprecated?: boolean;
  /** Operation-level servers override the service's. */
  servers?: Server[];
  parameters: Parameter[];
  requestBody?: RequestBody;
  responses: Response[];
  /**
   * OR of AND-requirements. `undefined` = inherit the service default; `[]` = explicitly none;
   * `[{}]` = optional (anonymous allowed).
   */
  security?: SecurityRequirement[];
  callbacks: Callback[];
  /** Vendor extensions (`x-*`) kept verbatim. */
  extensions?: Record<string, unknown>;
  source?: SourceLocation;
}
