/** A dependency could not give a usable answer; place-order maps it to a 503 problem. */

export type UpstreamFailure =
  | 'timeout'
  | 'network'
  | 'server-error'
  | 'circuit-open'
  | 'bad-response';

export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  constructor(
    readonly dependency: string,
    readonly failure: UpstreamFailure,
    message: string,
  ) {
    super(message);
  }
}
