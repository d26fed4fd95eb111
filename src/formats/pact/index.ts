import {
  type Diagnostic,
  emptyService,
  type LoadedSource,
  type PactHttpInteraction,
  type PactMessage,
} from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import { type ParsedDocument, parseJsonOrYaml } from '../parse.js';
import { serviceSlug } from '../slug.js';
import type { FormatLoader, LoadInput } from '../types.js';
import {
  type InteractionContext,
  pactError,
  readAsyncMessage,
  readHttpInteraction,
  readSyncMessage,
} from './interaction.js';
import { declaredVersion, inferVersion, type PactVersion, parseSpecVersion } from './version.js';

const VERSION_WARNING = 'GAUNTLET_W_PACT_VERSION';

function parsedDocument(input: LoadInput): ParsedDocument | LoadedSource {
  if (input.document) return input.document;
  const parsed = parseJsonOrYaml(input.file, input.text);
  return parsed.ok ? parsed.document : { file: input.file, diagnostics: parsed.diagnostics };
}

function partyName(
  root: Record<string, unknown>,
  key: 'consumer' | 'provider',
  ctx: InteractionContext,
): string | undefined {
  const party = root[key];
  if (isRecord(party) && typeof party.name === 'string' && party.name.trim() !== '')
    return party.name;
  pactError(
    ctx,
    isRecord(party) ? `/${key}/name` : `/${key}`,
    `Failed to load the pact: because it has no ${key} name. Add "${key}": {"name": "..."}.`,
  );
  return undefined;
}

/**
 * The version to read the pact as. A version that is missing, `null` or not one we know is read
 * as the Pact reference implementation reads it (pact_models: with a warning, never refused):
 * guessed from the pact's shape, V3 when nothing in it says otherwise.
 */
function resolveVersion(
  root: Record<string, unknown>,
  ctx: InteractionContext,
  file: string,
): { version: PactVersion; declared?: string } {
  const declared = declaredVersion(root.metadata);
  const known =
    declared && declared.version !== null ? parseSpecVersion(declared.version) : undefined;
  if (declared && known) return { version: known, declared: String(declared.version) };
  const version = inferVersion(root);
  const pointer = declared?.pointer ?? '/metadata';
  const because =
    declared === undefined
      ? 'does not say which Pact specification it follows'
      : declared.version === null
        ? `declares the Pact specification version as null at ${pointer}`
        : `declares the Pact specification version ${JSON.stringify(declared.version)}, which is not one Gauntlet knows`;
  ctx.diagnostics.push({
    code: VERSION_WARNING,
    severity: 'warning',
    message: `${file} ${because}; it is read as V${version.specification}. Add "metadata": {"pactSpecification": {"version": "${version.specification}"}}.`,
    path: pointer,
    location: ctx.locate(pointer),
  });
  return { version };
}

function readInteractions(
  list: unknown[],
  ctx: InteractionContext,
  interactions: PactHttpInteraction[],
  messages: PactMessage[],
): void {
  list.forEach((raw, index) => {
    const pointer = `/interactions/${index}`;
    if (!isRecord(raw)) {
      pactError(
        ctx,
        pointer,
        `Failed to read interactions[${index}]: because it is not an object. Give it a "description", a "request" and a "response".`,
      );
      return;
    }
    // Only V4 names interaction types; before V4 every interaction is HTTP.
    const type = ctx.family === 4 && raw.type !== undefined ? raw.type : 'Synchronous/HTTP';
    if (type === 'Synchronous/HTTP') {
      const interaction = readHttpInteraction(raw, pointer, ctx);
      if (interaction) interactions.push(interaction);
    } else if (type === 'Asynchronous/Messages') {
      const message = readAsyncMessage(raw, pointer, ctx);
      if (message) messages.push(message);
    } else if (type === 'Synchronous/Messages') {
      const message = readSyncMessage(raw, pointer, ctx);
      if (message) messages.push(message);
    } else {
      pactError(
        ctx,
        `${pointer}/type`,
        `Failed to read interactions[${index}]: because its type ${JSON.stringify(type)} is unknown. Use "Synchronous/HTTP", "Asynchronous/Messages" or "Synchronous/Messages".`,
      );
    }
  });
}

/**
 * Loads a pact file of any specification version (V1, V1.1, V2, V3, V4) into the model: HTTP
 * interactions, V3 message pacts, and V4 asynchronous and synchronous messages. Never throws for
 * bad input: problems are `GAUNTLET_E_PACT_INVALID` diagnostics with JSON pointers.
 *
 * @example
 * const source = await loadPact({ file: 'contracts/pacts/web-orders.json', text, readFile });
 * source.service?.interactions.length;
 */
export const loadPact: FormatLoader = async (input) => {
  const file = input.file;
  const document = parsedDocument(input);
  if (!('locate' in document)) return document;
  const diagnostics: Diagnostic[] = [];
  const base: InteractionContext = {
    family: 2,
    locate: (p) => document.locate(p),
    diagnostics,
  };
  const root = document.value;
  if (!isRecord(root)) {
    pactError(
      base,
      '',
      'Failed to load the pact: because the document is not an object. Give it "consumer", "provider" and "interactions".',
    );
    return { file, diagnostics };
  }
  const consumer = partyName(root, 'consumer', base);
  const provider = partyName(root, 'provider', base);
  const resolved = resolveVersion(root, base, file);
  const { version } = resolved;
  const ctx: InteractionContext = { ...base, family: version.family };
  if (root.metadata !== undefined && root.metadata !== null && !isRecord(root.metadata)) {
    pactError(
      ctx,
      '/metadata',
      'Failed to load the pact: because "metadata" is not an object. Write it as {"pactSpecification": {"version": "4.0"}}.',
    );
  }

  const interactions: PactHttpInteraction[] = [];
  const messages: PactMessage[] = [];
  const hasInteractions = root.interactions !== undefined && root.interactions !== null;
  const hasMessages = root.messages !== undefined && root.messages !== null;
  if (!hasInteractions && !hasMessages) {
    pactError(
      ctx,
      '',
      'Failed to load the pact: because it has neither "interactions" nor "messages". Add the interactions the consumer expects.',
    );
  }
  if (hasInteractions) {
    if (Array.isArray(root.interactions))
      readInteractions(root.interactions, ctx, interactions, messages);
    else
      pactError(
        ctx,
        '/interactions',
        'Failed to load the pact: because "interactions" is not an array. Write it as a list of interactions.',
      );
  }
  if (hasMessages) {
    if (Array.isArray(root.messages)) {
      // V3 message pacts: every entry is an asynchronous message.
      const messageCtx: InteractionContext = { ...ctx, family: version.family === 4 ? 4 : 3 };
      root.messages.forEach((raw, index) => {
        const pointer = `/messages/${index}`;
        if (!isRecord(raw)) {
          pactError(
            ctx,
            pointer,
            `Failed to read messages[${index}]: because it is not an object. Give it a "description" and "contents".`,
          );
          return;
        }
        const message = readAsyncMessage(raw, pointer, messageCtx);
        if (message) messages.push(message);
      });
    } else
      pactError(
        ctx,
        '/messages',
        'Failed to load the pact: because "messages" is not an array. Write it as a list of messages.',
      );
  }

  if (
    diagnostics.some((d) => d.severity === 'error') ||
    consumer === undefined ||
    provider === undefined
  ) {
    return { file, format: version.format, diagnostics };
  }
  const service = emptyService({
    name: serviceSlug(provider, file, 'provider'),
    title: provider,
    format: version.format,
    file,
  });
  if (resolved.declared !== undefined) service.sourceVersion = resolved.declared;
  service.pact = {
    consumer,
    provider,
    specification: version.specification,
    metadata: isRecord(root.metadata) ? { ...root.metadata } : {},
  };
  service.interactions = interactions;
  service.messages = messages;
  service.diagnostics = [...diagnostics];
  return { file, format: version.format, service, diagnostics };
};
