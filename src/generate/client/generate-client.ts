import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import type { Diagnostic, HttpOperation, Service } from '../../model/index.js';
import { generatedHeader } from '../header.js';
import { constantCase, pascalCase } from '../identifier.js';
import { modelToOpenApi } from '../model-to-openapi.js';
import { CLIENT_RUNTIME_MODULE, generateValidators } from './generate-validators.js';

export interface GenerateClientOptions {
  /** The contract as the user named it (written in the header comment). */
  source: string;
  /** The command that regenerates the files (written in the header comment). */
  command?: string;
  /** Compile response validators into the client (default true; off = smaller output). */
  validators?: boolean;
  /** PascalCase name used in `create<Name>Client` (default: from the service name). */
  name?: string;
}

/** One file of a generated client, relative to the output folder. */
export interface GeneratedFile {
  path: string;
  text: string;
}

export interface GeneratedClient {
  files: GeneratedFile[];
  /** `createOrdersClient`. */
  factory: string;
  /** Problems that did not stop generation (a schema ajv cannot compile). */
  diagnostics: Diagnostic[];
}

/** The first absolute server URL with its variables at their defaults. */
function defaultBaseUrl(service: Service): string | undefined {
  for (const server of service.servers) {
    let url = server.url;
    for (const [name, variable] of Object.entries(server.variables ?? {}))
      url = url.split(`{${name}}`).join(variable.default);
    if (/^https?:\/\/[^{}]+$/.test(url)) return url.replace(/\/+$/, '');
  }
  return undefined;
}

function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A call of the first GET (or any) operation, for the factory's @example. */
function exampleCall(operations: readonly HttpOperation[], variable: string): string {
  const operation = operations.find((o) => o.method === 'GET') ?? operations[0];
  if (operation === undefined) return '';
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  const params =
    pathParams.length === 0
      ? ''
      : `, { params: { path: { ${pathParams.map((p) => `${/^[A-Za-z_$][\w$]*$/.test(p.name) ? p.name : literal(p.name)}: '1'`).join(', ')} } } }`;
  return ` * const { data, error } = await ${variable}.${operation.method}(${literal(operation.path)}${params});\n`;
}

function comment(text: string): string {
  return text.replace(/\*\//g, '*\\/');
}

function clientSource(service: Service, name: string, header: string): string {
  const factory = `create${name}Client`;
  const base = defaultBaseUrl(service);
  const constant = `${constantCase(name)}_BASE_URL`;
  const variable = name[0]!.toLowerCase() + name.slice(1);
  const lines = [
    header,
    `import {`,
    `  createResilientClient,`,
    `  type ResilientClient,`,
    `  type ResilientClientOptions,`,
    `} from '${CLIENT_RUNTIME_MODULE}';`,
    `import type { paths } from './schema.js';`,
    `import { validators } from './validators.js';`,
    ``,
    `export {`,
    `  type AuthHeaders,`,
    `  type BreakerOptions,`,
    `  type BreakerState,`,
    `  ClientCallError,`,
    `  type ClientCallErrorKind,`,
    `  type RetryOptions,`,
    `} from '${CLIENT_RUNTIME_MODULE}';`,
    `export type { components, operations, paths } from './schema.js';`,
    ``,
  ];
  if (base !== undefined) {
    lines.push(
      `/** The contract's first absolute server URL, used when no baseUrl is given. */`,
      `export const ${constant} = ${literal(base)};`,
      ``,
      `export type ${name}ClientOptions = ResilientClientOptions;`,
    );
  } else {
    lines.push(
      `/** The contract names no absolute server, so baseUrl is required. */`,
      `export type ${name}ClientOptions = ResilientClientOptions & { baseUrl: string };`,
    );
  }
  lines.push(
    `export type ${name}Client = ResilientClient<paths>;`,
    ``,
    `/**`,
    ` * A typed client for ${comment(service.title)}${service.version ? ` ${comment(service.version)}` : ''} over openapi-fetch. Defaults are safe for`,
    ` * production: 5 s timeout per attempt, up to 3 attempts for idempotent methods (backoff with`,
    ` * jitter, Retry-After honoured), a circuit breaker opening after 5 consecutive failures,`,
    ` * a new W3C traceparent per call, response validation off. Override any of them per client.`,
    ` *`,
    ` * @example`,
    ` * const ${variable} = ${factory}({ baseUrl: 'http://localhost:4010' });`,
    exampleCall(service.operations, variable).trimEnd(),
    ` */`,
    `export function ${factory}(options: ${name}ClientOptions${base !== undefined ? ' = {}' : ''}): ${name}Client {`,
    base !== undefined
      ? `  return createResilientClient<paths>({ ...options, baseUrl: options.baseUrl ?? ${constant} }, validators);`
      : `  return createResilientClient<paths>(options, validators);`,
    `}`,
    ``,
  );
  return lines.filter((line, index) => line !== '' || lines[index - 1] !== '').join('\n');
}

/**
 * Generates a typed client library for one service: `schema.ts` (types from openapi-typescript),
 * `validators.js` + `.d.ts` (the response schemas, compiled on first use by the runtime's
 * `embeddedValidators`) and `index.ts` (`create<Name>Client`).
 * The behaviour (openapi-fetch + cockatiel resilience) is not generated: the files import it from
 * `gauntlet/client-runtime`, so the user's project depends on gauntlet as it does on openapi-fetch. Every input format reaches
 * openapi-typescript through the model (`modelToOpenApi`), so RAML and Swagger 2.0 contracts get
 * the same client as OpenAPI 3. Pure: returns file texts; the caller writes them.
 *
 * @example
 * const { files, factory } = await generateClient(service, { source: 'contracts/openapi/orders.yaml' });
 * // factory === 'createOrdersClient'; files: index.ts, schema.ts, validators.d.ts, validators.js
 */
export async function generateClient(
  service: Service,
  options: GenerateClientOptions,
): Promise<GeneratedClient> {
  const name = options.name ?? pascalCase(service.name);
  const header = generatedHeader(
    options.source,
    options.command ?? `gauntlet generate client ${options.source} --out <dir>`,
  );
  // modelToOpenApi builds a valid OpenAPI 3.1 object; its JSON shape is not spelled as OpenAPI3.
  // A copy: openapi-typescript edits the document it is given (discriminator enums), and the
  // document shares its schemas with the model.
  const document = structuredClone(modelToOpenApi(service)) as unknown as OpenAPI3;
  const nodes = await openapiTS(document, { silent: true });
  const schema = `${header}\n${astToString(nodes)}`;
  const validators =
    options.validators === false
      ? { code: 'export const validators = {};', count: 0, diagnostics: [] }
      : generateValidators(service);
  // Written as it is (already one schema per line): printing megabytes of schemas through the
  // TypeScript printer would take seconds and spread each over many lines.
  const validatorsJs = `${header}\n${validators.code}\n`;
  const validatorsDts = `${header}\nimport type { ResponseValidators } from '${CLIENT_RUNTIME_MODULE}';\n\nexport declare const validators: ResponseValidators;\n`;
  return {
    files: [
      { path: 'index.ts', text: clientSource(service, name, header) },
      { path: 'schema.ts', text: schema },
      { path: 'validators.d.ts', text: validatorsDts },
      { path: 'validators.js', text: validatorsJs },
    ],
    factory: `create${name}Client`,
    diagnostics: validators.diagnostics,
  };
}
