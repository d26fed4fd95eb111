/** What went wrong with a call, beyond an HTTP error status (those come back as 'error'). */
export type ClientCallErrorKind = 'timeout' | 'circuit-open' | 'network' | 'invalid-response';

export interface ValidationIssue {
  /** JSON pointer into the response body. */
  path: string;
  message: string;
}

/**
 * Thrown by a generated client when a call cannot produce a usable response. `instanceof` checks
 * the name and kind rather than the prototype, so an error from another copy of this module (a
 * second install of gauntlet, or src/ next to dist/ in this repo's tests) is still recognised.
 *
 * @example
 * try {
 *   await orders.GET('/orders');
 * } catch (error) {
 *   if (error instanceof ClientCallError && error.kind === 'timeout') retryLater();
 * }
 */
export class ClientCallError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return (
      value instanceof Error &&
      value.name === 'ClientCallError' &&
      typeof (value as { kind?: unknown }).kind === 'string'
    );
  }
  readonly kind: ClientCallErrorKind;
  readonly issues: readonly ValidationIssue[];
  constructor(
    kind: ClientCallErrorKind,
    message: string,
    options: { cause?: unknown; issues?: readonly ValidationIssue[] } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ClientCallError';
    this.kind = kind;
    this.issues = options.issues ?? [];
  }
}
