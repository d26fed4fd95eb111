import {
  emptyService,
  type HttpOperation,
  type LoadedSource,
  type Server,
} from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import { createReporter, describePointer } from '../hoverfly/reporter.js';
import { type ParsedDocument, parseJsonOrYaml } from '../parse.js';
import { baseName, serviceSlug } from '../slug.js';
import type { FormatLoader, LoadInput } from '../types.js';
import { SchemeRegistry } from './auth.js';
import { type ItemContext, readItem } from './item.js';
import { mergeOperations } from './merge.js';
import { postmanSdk } from './sdk.js';
import { postmanVersion } from './version.js';

export const POSTMAN_INVALID = 'GAUNTLET_E_POSTMAN_INVALID';
export const POSTMAN_VERSION = 'GAUNTLET_E_POSTMAN_VERSION';
export const POSTMAN_SKIPPED = 'GAUNTLET_W_POSTMAN_SKIPPED';

function parsedDocument(input: LoadInput): ParsedDocument | LoadedSource {
  if (input.document) return input.document;
  const parsed = parseJsonOrYaml(input.file, input.text);
  return parsed.ok ? parsed.document : { file: input.file, diagnostics: parsed.diagnostics };
}

/** Collection variables (`variable: [{key, value}]`; v2.0 also wrote `id` for the key). */
function readVariables(list: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(list)) return out;
  for (const entry of list) {
    if (!isRecord(entry) || entry.disabled === true) continue;
    const key = typeof entry.key === 'string' ? entry.key : entry.id;
    if (typeof key !== 'string' || key === '') continue;
    if (entry.value !== undefined && entry.value !== null) out[key] = String(entry.value);
  }
  return out;
}

/** A copy of `value` with `replace` applied to every string in it (keys stay as written). */
function substituteDeep<T>(value: T, replace: (text: string) => string): T {
  if (typeof value === 'string') return (value.includes('{{') ? replace(value) : value) as T;
  if (Array.isArray(value)) return value.map((v) => substituteDeep(v, replace)) as T;
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = substituteDeep(v, replace);
    return out as T;
  }
  return value;
}

function versionText(version: unknown): string | undefined {
  if (typeof version === 'string' && version !== '') return version;
  if (isRecord(version) && version.major !== undefined)
    return `${version.major}.${version.minor ?? 0}.${version.patch ?? 0}`;
  return undefined;
}

function walk(
  items: unknown,
  pointer: string,
  folders: string[],
  auth: unknown,
  ctx: ItemContext,
  out: HttpOperation[],
): void {
  if (items === undefined || items === null) return;
  if (!Array.isArray(items)) {
    ctx.report.error(
      pointer,
      `Failed to read ${describePointer(pointer) || 'the collection'}: because "item" is not an array. Write it as a list of requests and folders.`,
    );
    return;
  }
  items.forEach((item, i) => {
    const at = `${pointer}/${i}`;
    if (!isRecord(item)) {
      ctx.report.error(
        at,
        `Failed to read ${describePointer(at)}: because it is not an object. Each item is a request or a folder.`,
      );
      return;
    }
    // `auth: null` (or none) inherits; `{type: "noauth"}` turns it off below this point.
    if (Array.isArray(item.item)) {
      const name = typeof item.name === 'string' && item.name !== '' ? [item.name] : [];
      walk(item.item, `${at}/item`, [...folders, ...name], item.auth ?? auth, ctx, out);
      return;
    }
    const operation = readItem({ item, pointer: at, folders, inheritedAuth: auth }, ctx);
    if (operation) out.push(operation);
  });
}

/**
 * Loads a Postman Collection v2.0 or v2.1 into the model, reading it as Prism does: every request
 * (folders flattened, their names kept as tags) is an operation at its URL's path (`:id` segments
 * are path parameters, `{{variables}}` are replaced by the collection's variables), its query
 * parameters and headers are required, its saved responses are the operation's responses (one
 * example each, with a schema of the example's shape for JSON), and collection, folder or request
 * auth is the operation's security. Requests sharing a method and path are merged.
 *
 * A v1 collection is refused with the way to convert it; a request without a URL is reported at
 * its JSON pointer and the rest of the collection still loads.
 *
 * @example
 * const source = await loadPostman({ file: 'shop.postman_collection.json', text, readFile });
 * source.service?.operations.map((o) => o.id); // ['GET /orders/{id}', …]
 */
export const loadPostman: FormatLoader = async (input) => {
  const { file } = input;
  const doc = parsedDocument(input);
  if (!('value' in doc)) return doc;
  const value = doc.value;
  const version = postmanVersion(value);
  const report = createReporter(file, doc.locate, {
    error: POSTMAN_INVALID,
    warning: POSTMAN_SKIPPED,
  });
  if (!version || !isRecord(value)) {
    report.error('', `Failed to load ${file}: because it is not a Postman collection.`);
    return { file, diagnostics: report.diagnostics };
  }
  if (version.kind !== 'v2') {
    const legacy = version.kind === 'legacy';
    const at = legacy ? '' : '/info/schema';
    return {
      file,
      diagnostics: [
        {
          code: POSTMAN_VERSION,
          severity: 'error',
          message: legacy
            ? `Failed to load ${file}: because it is a Postman Collection v${version.declared} (the legacy format); Gauntlet reads v2.0 and v2.1. Convert it: in Postman, import it and export as "Collection v2.1", or run \`npx postman-collection-transformer convert -i ${file} -o ${baseName(file)}.v2.json -j 1.0.0 -p 2.1.0 -P\`.`
            : `Failed to load ${file}: because it declares Postman Collection v${version.declared}, which Gauntlet does not read; it reads v2.0 and v2.1. Export the collection as "Collection v2.1" from Postman.`,
          path: at,
          location: doc.locate(at),
        },
      ],
    };
  }
  const info = isRecord(value.info) ? value.info : {};
  const title = typeof info.name === 'string' && info.name !== '' ? info.name : baseName(file);
  const service = emptyService({
    name: serviceSlug(title, file, 'collection'),
    title,
    format: version.format,
    file,
  });
  if (version.declared) service.sourceVersion = version.declared;
  const serviceVersion = versionText(info.version);
  if (serviceVersion) service.version = serviceVersion;
  const description =
    typeof info.description === 'string'
      ? info.description
      : isRecord(info.description) && typeof info.description.content === 'string'
        ? info.description.content
        : undefined;
  if (description) service.description = description;

  const sdk = await postmanSdk();
  const variables = readVariables(value.variable);
  const registry = new SchemeRegistry();
  const ctx: ItemContext = {
    sdk,
    report,
    registry,
    substitute: (v) => substituteDeep(v, (t) => sdk.Property.replaceSubstitutions(t, [variables])),
    locate: doc.locate,
  };
  const operations: HttpOperation[] = [];
  walk(value.item, '/item', [], value.auth, ctx, operations);
  service.operations = mergeOperations(operations);
  service.securitySchemes = registry.schemes;
  const servers: Server[] = [];
  for (const operation of service.operations)
    for (const server of operation.servers ?? [])
      if (!servers.some((s) => s.url === server.url)) servers.push(server);
  service.servers = servers;
  // One origin for all: the service's servers say it; operations need not repeat it.
  if (servers.length === 1) for (const operation of service.operations) delete operation.servers;
  const extensions: Record<string, unknown> = {};
  if (Object.keys(variables).length > 0) extensions['x-postman-variables'] = variables;
  if (typeof info._postman_id === 'string') extensions['x-postman-id'] = info._postman_id;
  if (Object.keys(extensions).length > 0) service.extensions = extensions;
  service.diagnostics = report.diagnostics;
  return { file, format: version.format, service, diagnostics: report.diagnostics };
};
