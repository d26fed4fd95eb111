import type { Diagnostic, SourceLocation } from '../../model/index.js';

/** Collects the diagnostics of one simulation, each with its JSON pointer and text position. */
export interface Reporter {
  readonly diagnostics: Diagnostic[];
  error(pointer: string, message: string): void;
  warn(pointer: string, message: string): void;
}

export const HOVERFLY_INVALID = 'GAUNTLET_E_HOVERFLY_INVALID';
/** Warnings: the simulation loads, but something in it was dropped or changed on upgrade. */
export const HOVERFLY_UPGRADE = 'GAUNTLET_W_HOVERFLY_UPGRADE';

/**
 * A reporter for one source file. `codes` names the error and warning codes (Hoverfly's by
 * default; other loaders, such as Postman's, pass their own).
 */
export function createReporter(
  file: string,
  locate: ((pointer: string) => SourceLocation) | undefined,
  codes: { error: string; warning: string } = {
    error: HOVERFLY_INVALID,
    warning: HOVERFLY_UPGRADE,
  },
): Reporter {
  const diagnostics: Diagnostic[] = [];
  const where = (pointer: string): SourceLocation => (locate ? locate(pointer) : { file, pointer });
  return {
    diagnostics,
    error(pointer, message) {
      diagnostics.push({
        code: codes.error,
        severity: 'error',
        message,
        path: pointer,
        location: where(pointer),
      });
    },
    warn(pointer, message) {
      diagnostics.push({
        code: codes.warning,
        severity: 'warning',
        message,
        path: pointer,
        location: where(pointer),
      });
    },
  };
}

/** `pairs[3].request.path` from `/data/pairs/3/request/path`, for messages. */
export function describePointer(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (out, token) => (/^\d+$/.test(token) ? `${out}[${token}]` : out ? `${out}.${token}` : token),
      '',
    );
}
