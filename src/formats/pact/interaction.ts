import type {
  Diagnostic,
  PactHttpInteraction,
  PactMessage,
  PactMessageContents,
  ProviderState,
  SourceLocation,
} from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import {
  type Normalised,
  normalisePactMessageContents,
  normalisePactRequest,
  normalisePactResponse,
  type PactVersionFamily,
} from './normalise.js';

const CODE = 'GAUNTLET_E_PACT_INVALID';

/** What reading one interaction needs: where it is, how to locate pointers, where problems go. */
export interface InteractionContext {
  family: PactVersionFamily;
  locate: (pointer: string) => SourceLocation;
  diagnostics: Diagnostic[];
}

function sourceOf(ctx: InteractionContext, pointer: string): SourceLocation {
  return ctx.locate(pointer);
}

export function pactError(ctx: InteractionContext, pointer: string, message: string): void {
  ctx.diagnostics.push({
    code: CODE,
    severity: 'error',
    message,
    path: pointer,
    location: ctx.locate(pointer),
  });
}

/** Takes the normaliser's diagnostics, adding the text position they lack; returns the value. */
function take<T>(ctx: InteractionContext, result: Normalised<T>): T | undefined {
  for (const d of result.diagnostics) {
    ctx.diagnostics.push(
      d.location || d.path === undefined ? d : { ...d, location: ctx.locate(d.path) },
    );
  }
  return result.diagnostics.some((d) => d.severity === 'error') ? undefined : result.value;
}

/**
 * Provider states: V1/V2 `providerState` (pact-ruby also wrote `provider_state`), a string;
 * V3/V4 `providerStates`, a list of `{name, params}`.
 */
function providerStates(
  raw: Record<string, unknown>,
  pointer: string,
  ctx: InteractionContext,
): ProviderState[] | undefined {
  if (raw.providerStates !== undefined && raw.providerStates !== null) {
    if (!Array.isArray(raw.providerStates)) {
      pactError(
        ctx,
        `${pointer}/providerStates`,
        'Failed to read the provider states: because "providerStates" is not an array. Write it as [{"name": "a state", "params": {}}].',
      );
      return undefined;
    }
    const out: ProviderState[] = [];
    let ok = true;
    raw.providerStates.forEach((state, index) => {
      const at = `${pointer}/providerStates/${index}`;
      if (typeof state === 'string') out.push({ name: state });
      else if (isRecord(state) && typeof state.name === 'string') {
        if (state.params !== undefined && state.params !== null && !isRecord(state.params)) {
          pactError(
            ctx,
            `${at}/params`,
            `Failed to read provider state "${state.name}": because "params" is not an object. Write the parameters as {"name": value}.`,
          );
          ok = false;
          return;
        }
        out.push(
          isRecord(state.params)
            ? { name: state.name, params: { ...state.params } }
            : { name: state.name },
        );
      } else {
        pactError(
          ctx,
          at,
          'Failed to read a provider state: because it has no string "name". Write it as {"name": "a state"}.',
        );
        ok = false;
      }
    });
    return ok ? out : undefined;
  }
  for (const key of ['providerState', 'provider_state'] as const) {
    const state = raw[key];
    if (state === undefined || state === null || state === '') continue;
    if (typeof state !== 'string') {
      pactError(
        ctx,
        `${pointer}/${key}`,
        `Failed to read the provider state: because "${key}" is not a string. Name the state the provider must be in.`,
      );
      return undefined;
    }
    return [{ name: state }];
  }
  return [];
}

type Base = Pick<
  PactHttpInteraction,
  'key' | 'description' | 'providerStates' | 'pending' | 'comments' | 'source'
>;

function base(
  raw: Record<string, unknown>,
  pointer: string,
  ctx: InteractionContext,
): Base | undefined {
  let ok = true;
  if (typeof raw.description !== 'string') {
    pactError(
      ctx,
      `${pointer}/description`,
      'Failed to read the interaction: because it has no string "description". Describe what the consumer does, e.g. "a request for pet 1".',
    );
    ok = false;
  }
  const states = providerStates(raw, pointer, ctx);
  if (!states) ok = false;
  const out: Base = {
    description: typeof raw.description === 'string' ? raw.description : '',
    providerStates: states ?? [],
    source: sourceOf(ctx, pointer),
  };
  if (raw.key !== undefined && raw.key !== null) {
    if (typeof raw.key === 'string') out.key = raw.key;
    else {
      pactError(
        ctx,
        `${pointer}/key`,
        'Failed to read the interaction key: because it is not a string. Remove it; Pact computes it.',
      );
      ok = false;
    }
  }
  if (raw.pending !== undefined && raw.pending !== null) {
    if (typeof raw.pending !== 'boolean') {
      pactError(
        ctx,
        `${pointer}/pending`,
        'Failed to read "pending": because it is not a boolean. Use true or false.',
      );
      ok = false;
    } else if (raw.pending) out.pending = true;
  }
  if (raw.comments !== undefined && raw.comments !== null) {
    if (!isRecord(raw.comments)) {
      pactError(
        ctx,
        `${pointer}/comments`,
        'Failed to read the comments: because they are not an object. Write them as {"text": ["..."], "testname": "..."}.',
      );
      ok = false;
    } else out.comments = { ...raw.comments };
  }
  return ok ? out : undefined;
}

/** A V1–V4 HTTP interaction. */
export function readHttpInteraction(
  raw: Record<string, unknown>,
  pointer: string,
  ctx: InteractionContext,
): PactHttpInteraction | undefined {
  const common = base(raw, pointer, ctx);
  const request = take(ctx, normalisePactRequest(raw.request, ctx.family, `${pointer}/request`));
  const response = take(
    ctx,
    normalisePactResponse(raw.response, ctx.family, `${pointer}/response`),
  );
  if (!common || !request || !response) return undefined;
  return { type: 'Synchronous/HTTP', ...common, request, response };
}

/** A V3 `messages[]` entry or a V4 `Asynchronous/Messages` interaction. */
export function readAsyncMessage(
  raw: Record<string, unknown>,
  pointer: string,
  ctx: InteractionContext,
): PactMessage | undefined {
  const common = base(raw, pointer, ctx);
  const contents = take(ctx, normalisePactMessageContents(raw, ctx.family, pointer));
  if (!common || !contents) return undefined;
  return { type: 'Asynchronous/Messages', ...common, ...contents };
}

/** A V4 `Synchronous/Messages` interaction: one request message, zero or more responses. */
export function readSyncMessage(
  raw: Record<string, unknown>,
  pointer: string,
  ctx: InteractionContext,
): PactMessage | undefined {
  const common = base(raw, pointer, ctx);
  const request = take(
    ctx,
    normalisePactMessageContents(raw.request, ctx.family, `${pointer}/request`),
  );
  let responses: PactMessageContents[] | undefined = [];
  const rawResponses = raw.response ?? [];
  if (!Array.isArray(rawResponses)) {
    pactError(
      ctx,
      `${pointer}/response`,
      'Failed to read the synchronous message: because "response" is not an array. Write the replies as [{"contents": ...}].',
    );
    responses = undefined;
  } else {
    rawResponses.forEach((item, index) => {
      const reply = take(
        ctx,
        normalisePactMessageContents(item, ctx.family, `${pointer}/response/${index}`),
      );
      if (reply) responses?.push(reply);
      else responses = undefined;
    });
  }
  if (!common || !request || !responses) return undefined;
  return { type: 'Synchronous/Messages', ...common, request, response: responses };
}
