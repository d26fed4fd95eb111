import { type HoverflyResponse, type LogNormalDelay, pointer as ptr } from '../../model/index.js';
import { isRecord } from '../../util/guards.js';
import { normalisePath, resolvePath } from '../types.js';
import { describePointer, type Reporter } from './reporter.js';

const at = (pointer: string, ...tokens: Array<string | number>): string => pointer + ptr(...tokens);

const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}[\r\n]*$/;

/** Decodes base64 to UTF-8 text without Node's Buffer (the loaders also run in browsers). */
export function decodeBase64(base64: string): string | undefined {
  const compact = base64.replace(/[\r\n]/g, '');
  if (!BASE64.test(compact) || compact.length % 4 === 1) return undefined;
  let binary: string;
  try {
    binary = atob(compact);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder('utf-8').decode(bytes);
}

/** True when `target` (already normalised) lies inside the folder holding `file`. */
export function isInsideFolderOf(file: string, target: string): boolean {
  const slash = file.lastIndexOf('/');
  const folder = normalisePath(slash >= 0 ? file.slice(0, slash) || '/' : '.');
  if (folder === '/') return target.startsWith('/');
  if (folder === '.')
    return !target.startsWith('/') && target !== '..' && !target.startsWith('../');
  return target.startsWith(`${folder}/`);
}

/** Everything a response needs from the loader besides its JSON. */
export interface ResponseContext {
  file: string;
  readFile: (path: string) => Promise<string>;
  report: Reporter;
}

export function readLogNormal(
  raw: unknown,
  pointer: string,
  report: Reporter,
): LogNormalDelay | undefined {
  if (!isRecord(raw)) {
    report.error(
      pointer,
      `Failed to read ${describePointer(pointer)}: because it is not an object. Write it as {"min": 100, "max": 10000, "mean": 5000, "median": 500}.`,
    );
    return undefined;
  }
  const out: Partial<LogNormalDelay> = {};
  let ok = true;
  for (const key of ['min', 'max', 'mean', 'median'] as const) {
    const value = raw[key] ?? 0;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      report.error(
        at(pointer, key),
        `Failed to read ${describePointer(at(pointer, key))}: because it is not a whole number of milliseconds. Give a non-negative integer.`,
      );
      ok = false;
    } else out[key] = value;
  }
  return ok ? (out as LogNormalDelay) : undefined;
}

function readStringMap(
  raw: unknown,
  pointer: string,
  report: Reporter,
): Record<string, string> | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw) || !Object.values(raw).every((v) => typeof v === 'string')) {
    report.error(
      pointer,
      `Failed to read ${describePointer(pointer)}: because it is not an object of strings. Write it as {"stateName": "value"}.`,
    );
    return undefined;
  }
  return { ...(raw as Record<string, string>) };
}

function readHeaders(raw: unknown, pointer: string, report: Reporter): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (raw === undefined || raw === null) return out;
  if (!isRecord(raw)) {
    report.error(
      pointer,
      `Failed to read ${describePointer(pointer)}: because it is not an object. Write response headers as {"Name": ["value"]}.`,
    );
    return out;
  }
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value === 'string') out[name] = [value];
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
      out[name] = [...value];
    else {
      report.error(
        at(pointer, name),
        `Failed to read response header ${JSON.stringify(name)}: because it is not a list of strings. Write it as ["value"].`,
      );
    }
  }
  return out;
}

/**
 * Reads one pair's `response`. A `bodyFile` is read now (loading does the expensive work once),
 * and only from inside the simulation's folder: a simulation must not make us serve `/etc/passwd`.
 */
export async function normaliseResponse(
  raw: unknown,
  pointer: string,
  ctx: ResponseContext,
): Promise<HoverflyResponse | undefined> {
  const { report } = ctx;
  if (!isRecord(raw)) {
    report.error(
      pointer,
      `Failed to read ${describePointer(pointer)}: because it is not an object. Give every pair a "response" with at least a "status".`,
    );
    return undefined;
  }
  const before = report.diagnostics.length;
  const status = raw.status;
  if (status === undefined || status === null) {
    // Hoverfly loads it (as 0) and, when the pair matches, Go refuses to write status 0 and
    // closes the connection: Gauntlet loads it too and does the same.
    report.warn(
      at(pointer, 'status'),
      `${describePointer(pointer)} has no "status": Hoverfly loads it as 0 and closes the connection without an answer when this pair matches, and so does Gauntlet. Give an integer between 100 and 599.`,
    );
  } else if (
    typeof status !== 'number' ||
    !Number.isInteger(status) ||
    status < 100 ||
    status > 599
  ) {
    report.error(
      at(pointer, 'status'),
      `Failed to read ${describePointer(at(pointer, 'status'))}: because ${JSON.stringify(status)} is not an HTTP status. Give an integer between 100 and 599.`,
    );
  }
  let body = '';
  if (raw.body !== undefined && raw.body !== null) {
    if (typeof raw.body === 'string') body = raw.body;
    else {
      report.error(
        at(pointer, 'body'),
        `Failed to read ${describePointer(at(pointer, 'body'))}: because it is not a string. Hoverfly bodies are strings; serialise JSON bodies into a string.`,
      );
    }
  }
  const encoded = raw.encodedBody ?? false;
  if (typeof encoded !== 'boolean') {
    report.error(
      at(pointer, 'encodedBody'),
      `Failed to read ${describePointer(at(pointer, 'encodedBody'))}: because it is not a boolean. Use true (the body is base64) or false.`,
    );
  }
  const templated = raw.templated ?? false;
  if (typeof templated !== 'boolean') {
    report.error(
      at(pointer, 'templated'),
      `Failed to read ${describePointer(at(pointer, 'templated'))}: because it is not a boolean. Use true or false.`,
    );
  }
  const out: HoverflyResponse = {
    status: typeof status === 'number' ? status : 0,
    body,
    headers: readHeaders(raw.headers, at(pointer, 'headers'), report),
    templated: templated === true,
  };

  const bodyFile = raw.bodyFile;
  if (bodyFile !== undefined && bodyFile !== null && bodyFile !== '') {
    if (typeof bodyFile !== 'string') {
      report.error(
        at(pointer, 'bodyFile'),
        `Failed to read ${describePointer(at(pointer, 'bodyFile'))}: because it is not a string. Give a path relative to the simulation file.`,
      );
    } else if (body !== '') {
      report.warn(
        at(pointer, 'bodyFile'),
        `${describePointer(pointer)} has both "body" and "bodyFile"; "body" is served and the file ${bodyFile} is not read. Remove one of them.`,
      );
    } else {
      out.bodyFile = bodyFile;
      const target = resolvePath(ctx.file, bodyFile);
      if (!isInsideFolderOf(ctx.file, target)) {
        report.error(
          at(pointer, 'bodyFile'),
          `Failed to read bodyFile ${JSON.stringify(bodyFile)}: because it resolves to ${target}, outside the simulation's folder. Move the file next to the simulation (or below it) and use a relative path.`,
        );
      } else {
        try {
          out.body = await ctx.readFile(target);
        } catch (error) {
          report.error(
            at(pointer, 'bodyFile'),
            `Failed to read bodyFile ${JSON.stringify(bodyFile)} (${target}): because ${error instanceof Error ? error.message : String(error)}. Check that the file exists next to the simulation.`,
          );
        }
      }
    }
  }
  if (encoded === true) {
    const text = decodeBase64(out.body);
    if (text === undefined) {
      report.error(
        at(pointer, 'body'),
        `Failed to decode ${describePointer(at(pointer, 'body'))}: because "encodedBody" is true but the body is not valid base64. Encode the body as base64 or set "encodedBody": false.`,
      );
    } else {
      out.bodyBytesBase64 = out.body.replace(/[\r\n]/g, '');
      out.body = text;
    }
  }

  const transitions = readStringMap(raw.transitionsState, at(pointer, 'transitionsState'), report);
  if (transitions) out.transitionsState = transitions;
  if (raw.removesState !== undefined && raw.removesState !== null) {
    if (Array.isArray(raw.removesState) && raw.removesState.every((s) => typeof s === 'string')) {
      out.removesState = [...raw.removesState];
    } else {
      report.error(
        at(pointer, 'removesState'),
        `Failed to read ${describePointer(at(pointer, 'removesState'))}: because it is not a list of state names. Write it as ["stateName"].`,
      );
    }
  }
  const fixedDelay = raw.fixedDelay;
  if (fixedDelay !== undefined && fixedDelay !== null) {
    if (typeof fixedDelay !== 'number' || !Number.isInteger(fixedDelay) || fixedDelay < 0) {
      report.error(
        at(pointer, 'fixedDelay'),
        `Failed to read ${describePointer(at(pointer, 'fixedDelay'))}: because it is not a whole number of milliseconds. Give a non-negative integer.`,
      );
    } else if (fixedDelay > 0) out.fixedDelay = fixedDelay;
  }
  if (raw.logNormalDelay !== undefined && raw.logNormalDelay !== null) {
    const delay = readLogNormal(raw.logNormalDelay, at(pointer, 'logNormalDelay'), report);
    if (delay) out.logNormalDelay = delay;
  }
  const action = raw.postServeAction;
  if (action !== undefined && action !== null && action !== '') {
    if (typeof action === 'string') out.postServeAction = action;
    else {
      report.error(
        at(pointer, 'postServeAction'),
        `Failed to read ${describePointer(at(pointer, 'postServeAction'))}: because it is not a string. Name the post-serve action.`,
      );
    }
  }
  if (Array.isArray(raw.postActionHooks) && raw.postActionHooks.length > 0) {
    report.warn(
      at(pointer, 'postActionHooks'),
      `${describePointer(at(pointer, 'postActionHooks'))} is not supported and is ignored. Use "postServeAction" instead.`,
    );
  }
  const failed = report.diagnostics.slice(before).some((d) => d.severity === 'error');
  return failed ? undefined : out;
}
