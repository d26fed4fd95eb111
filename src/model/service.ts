import type { Diagnostic } from './diagnostic.js';
import type { HoverflySimulation } from './hoverfly.js';
import type { HttpOperation, SecurityRequirement, SecurityScheme, Server } from './http.js';
import type { PactHttpInteraction, PactInfo, PactMessage } from './pact.js';
import type { JsonSchema } from './schema.js';

/** The format a source was detected as (from its content, not its file name). */
export type SourceFormat =
  | 'openapi-3.1'
  | 'openapi-3.0'
  | 'swagger-2.0'
  | 'raml-1.0'
  | 'raml-0.8'
  | 'pact-v1'
  | 'pact-v1.1'
  | 'pact-v2'
  | 'pact-v3'
  | 'pact-v4'
  | 'hoverfly-v5'
  | 'postman-2.1'
  | 'postman-2.0';

export const SOURCE_FORMATS: readonly SourceFormat[] = [
  'openapi-3.1',
  'openapi-3.0',
  'swagger-2.0',
  'raml-1.0',
  'raml-0.8',
  'pact-v1',
  'pact-v1.1',
  'pact-v2',
  'pact-v3',
  'pact-v4',
  'hoverfly-v5',
  'postman-2.1',
  'postman-2.0',
];

/**
 * One service as one contract describes it. Every input format lands here; engines never ask
 * which format a service came from (they may read `format` for reports only).
 */
export interface Service {
  /** URL-safe slug, unique among loaded services: from the title (or pact provider, or file name). */
  name: string;
  /** Human title (OpenAPI `info.title`, RAML `title`, pact provider name, file name). */
  title: string;
  version?: string;
  description?: string;
  format: SourceFormat;
  /** The version the source declared when it differs from `format` (e.g. Hoverfly `v2` upgraded, OpenAPI `3.0.3`). */
  sourceVersion?: string;
  /** The file the service was loaded from. */
  file: string;
  servers: Server[];
  operations: HttpOperation[];
  /** OpenAPI 3.1 `webhooks`: operations the service calls on its subscribers. */
  webhooks: HttpOperation[];
  /** Named schemas referenced as `#/components/schemas/<name>` (see schema.ts). */
  schemas: Record<string, JsonSchema>;
  securitySchemes: Record<string, SecurityScheme>;
  /** Default security for operations that do not set their own. */
  security: SecurityRequirement[];
  /** Pact HTTP interactions (pact sources). */
  interactions: PactHttpInteraction[];
  /** Pact asynchronous and synchronous messages (pact sources). */
  messages: PactMessage[];
  pact?: PactInfo;
  hoverfly?: HoverflySimulation;
  /** Non-fatal findings from loading (warnings, info). */
  diagnostics: Diagnostic[];
  extensions?: Record<string, unknown>;
}

/** The result of loading one file: a service, or the reasons it could not be loaded. */
export interface LoadedSource {
  file: string;
  /** Detected format; absent when the content was not recognised at all. */
  format?: SourceFormat;
  service?: Service;
  /** Everything found while loading; any `error` means `service` is absent or unusable. */
  diagnostics: Diagnostic[];
  /**
   * Set when the file is deliberately not loaded on its own, with the reason: a RAML fragment
   * (library, data type, trait) or a schema file that other contracts include.
   */
  skipped?: string;
}

/** An empty service, for loaders to fill. */
export function emptyService(init: Pick<Service, 'name' | 'title' | 'format' | 'file'>): Service {
  return {
    ...init,
    servers: [],
    operations: [],
    webhooks: [],
    schemas: {},
    securitySchemes: {},
    security: [],
    interactions: [],
    messages: [],
    diagnostics: [],
  };
}
