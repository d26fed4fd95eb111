import {
  emptyService,
  type LoadedSource,
  type Service,
  type SourceFormat,
} from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import { parseJsonOrYaml } from '../parse.js';
import { baseName, serviceSlug } from '../slug.js';
import type { FormatLoader, LoadInput } from '../types.js';
import {
  child,
  extensionsOf,
  invalid,
  type LoadContext,
  lenient,
  type OpenApiVersion,
} from './context.js';
import { DocumentSet, type Located } from './documents.js';
import { mimeList, readOperations } from './operations.js';
import { SchemaConverter } from './schemas.js';
import { readSecurity, readSecuritySchemes } from './security.js';
import { readServers, swaggerServers } from './servers.js';

export { DUPLICATE_OPERATION_ID } from './operations.js';

const TOP_LEVEL: Record<OpenApiVersion, Set<string>> = {
  '2.0': new Set([
    'swagger',
    'info',
    'host',
    'basePath',
    'schemes',
    'consumes',
    'produces',
    'paths',
    'definitions',
    'parameters',
    'responses',
    'securityDefinitions',
    'security',
    'tags',
    'externalDocs',
  ]),
  '3.0': new Set([
    'openapi',
    'info',
    'servers',
    'paths',
    'components',
    'security',
    'tags',
    'externalDocs',
  ]),
  '3.1': new Set([
    'openapi',
    'info',
    'jsonSchemaDialect',
    'servers',
    'paths',
    'webhooks',
    'components',
    'security',
    'tags',
    'externalDocs',
  ]),
};

const FORMATS: Record<OpenApiVersion, SourceFormat> = {
  '2.0': 'swagger-2.0',
  '3.0': 'openapi-3.0',
  '3.1': 'openapi-3.1',
};

/** Decides the version from `swagger`/`openapi`; a diagnostic when it is not one we read. */
function versionOf(
  root: Record<string, unknown>,
): { version: OpenApiVersion; declared: string } | { problem: string; declared?: string } {
  if (root.swagger !== undefined) {
    const declared = String(root.swagger);
    if (declared === '2.0' || declared === '2') return { version: '2.0', declared };
    return { problem: `the \`swagger\` version "${declared}" is not 2.0`, declared };
  }
  const raw = root.openapi;
  // `openapi: 3.0` unquoted in YAML is the number 3.
  const declared = typeof raw === 'number' && Number.isInteger(raw) ? `${raw}.0` : String(raw);
  if (/^3\.0(\.\d+)?(-.+)?$/.test(declared)) return { version: '3.0', declared };
  if (/^3\.1(\.\d+)?(-.+)?$/.test(declared)) return { version: '3.1', declared };
  return { problem: `the \`openapi\` version "${declared}" is not 3.0.x or 3.1.x`, declared };
}

/**
 * Loads an OpenAPI 3.1, 3.0 or Swagger 2.0 document into the model: resolves local and
 * external-file `$ref`s, translates schemas to JSON Schema 2020-12 (named component schemas stay
 * `#/components/schemas/<name>` references), and collects every problem as a diagnostic.
 *
 * @example
 * const source = await loadOpenApi({ file: 'petstore.yaml', text, readFile: (p) => fs.readFile(p, 'utf8') });
 * source.service?.operations.map((o) => o.id); // ['listPets', 'createPets', 'showPetById']
 */
export const loadOpenApi: FormatLoader = async (input: LoadInput): Promise<LoadedSource> => {
  const file = input.file;
  let document = input.document;
  if (!document) {
    const parsed = parseJsonOrYaml(file, input.text);
    if (!parsed.ok) return { file, diagnostics: parsed.diagnostics };
    document = parsed.document;
  }
  const docs = DocumentSet.create(file, document, input.readFile);
  const value = docs.root.value;
  if (!isRecord(value)) {
    return {
      file,
      diagnostics: [
        {
          code: 'GAUNTLET_E_SPEC_INVALID',
          severity: 'error',
          message: `Failed to load ${file}: because the document is not an object. Pass an OpenAPI or Swagger document.`,
          location: docs.root.locate(''),
        },
      ],
    };
  }
  const detected = versionOf(value);
  if ('problem' in detected) {
    const at = value.swagger !== undefined ? '/swagger' : '/openapi';
    return {
      file,
      diagnostics: [
        {
          code: 'GAUNTLET_E_SPEC_INVALID',
          severity: 'error',
          message: `Failed to load ${file}: because ${detected.problem}. Gauntlet reads Swagger 2.0 and OpenAPI 3.0/3.1.`,
          path: at,
          location: docs.root.locate(at),
        },
      ],
    };
  }
  const { version, declared } = detected;
  const format = FORMATS[version];
  const ctx: LoadContext = { version, docs, diagnostics: [] };
  const root: Located<Record<string, unknown>> = { value, doc: docs.root, pointer: '' };
  const fatal = checkRoot(ctx, root);
  if (fatal) return { file, format, diagnostics: ctx.diagnostics };

  await docs.preload();
  const info = isRecord(value.info) ? value.info : {};
  const title = typeof info.title === 'string' ? info.title : baseName(file);
  const name = serviceSlug(title, file, 'service');
  const service: Service = emptyService({ name, title, format, file });
  service.sourceVersion = declared;
  if (info.version !== undefined) service.version = String(info.version);
  if (typeof info.description === 'string') service.description = info.description;
  const extensions = extensionsOf(value);
  if (extensions) service.extensions = extensions;

  const schemas = new SchemaConverter(ctx);
  schemas.registerComponents();
  if (version === '2.0') {
    service.servers = swaggerServers(value);
    service.securitySchemes = readSecuritySchemes(ctx, child(root, 'securityDefinitions'));
  } else {
    service.servers = readServers(ctx, child(root, 'servers'));
    service.securitySchemes = readSecuritySchemes(
      ctx,
      child(child(root, 'components'), 'securitySchemes'),
    );
  }
  service.security = readSecurity(ctx, child(root, 'security')) ?? [];
  const defaults = {
    consumes: mimeList(value.consumes) ?? ['application/json'],
    produces: mimeList(value.produces) ?? ['application/json'],
  };
  const { operations, webhooks } = readOperations(ctx, schemas, root, defaults);
  service.operations = operations;
  service.webhooks = webhooks;
  schemas.drain();
  service.schemas = schemas.schemas;
  service.diagnostics = ctx.diagnostics.filter((d) => d.severity !== 'error');
  return { file, format, service, diagnostics: ctx.diagnostics };
};

/**
 * Checks the document's top level. Returns true when the problems are fatal (no usable service:
 * `paths` of the wrong type, no container at all); other problems are reported and
 * loading goes on so that every problem is listed at once.
 */
function checkRoot(ctx: LoadContext, root: Located<Record<string, unknown>>): boolean {
  const before = ctx.diagnostics.length;
  const value = root.value;
  const info = child(root, 'info');
  if (!isRecord(info.value)) {
    // Hand-written and test documents often leave `info` out; Prism and the other mocks load them.
    lenient(
      ctx,
      info.value === undefined ? root : info,
      info.value === undefined
        ? 'the required `info` object is missing'
        : '`info` is not an object',
      'the service is named after the file',
    );
  } else {
    if (typeof info.value.title !== 'string')
      lenient(ctx, child(info, 'title'), '`info.title` must be a string', 'the file name is used');
    if (info.value.version === undefined) lenient(ctx, info, '`info.version` is required');
    else if (typeof info.value.version !== 'string') {
      invalid(
        ctx,
        child(info, 'version'),
        '`info.version` must be a string (quote it in YAML)',
        'warning',
      );
    }
  }
  const paths = child(root, 'paths');
  if (paths.value === undefined) {
    if (ctx.version !== '3.1') invalid(ctx, root, 'the required `paths` object is missing');
    else if (value.components === undefined && value.webhooks === undefined) {
      invalid(
        ctx,
        root,
        'an OpenAPI 3.1 document needs at least one of `paths`, `components` or `webhooks`',
      );
    }
  } else if (!isRecord(paths.value)) {
    invalid(ctx, paths, '`paths` must be an object');
  }
  const fatal = ctx.diagnostics.slice(before).some((d) => d.severity === 'error');
  for (const key of Object.keys(value)) {
    if (key.startsWith('x-') || TOP_LEVEL[ctx.version].has(key)) continue;
    invalid(ctx, child(root, key), `"${key}" is not a field of the top-level object`);
  }
  const components = child(root, 'components');
  if (components.value !== undefined && !isRecord(components.value)) {
    invalid(ctx, components, '`components` must be an object');
  }
  return fatal;
}
