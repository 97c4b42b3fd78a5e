/** Why a call to the aggregator or the statistics did not answer what was asked. */
export type UpstreamFailure = 'unset' | 'unreachable' | 'timeout' | 'failed';

export class UpstreamError extends Error {
  constructor(
    readonly failure: UpstreamFailure,
    message: string,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}
