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

export type UpstreamErrorCode =
  | 'DASHBOARD.UPSTREAM_UNSET'
  | 'DASHBOARD.UPSTREAM_UNREACHABLE'
  | 'DASHBOARD.UPSTREAM_TIMEOUT'
  | 'DASHBOARD.UPSTREAM_FAILED';

/** The stable code of an aggregator or statistics call that did not answer, for every caller. */
export function upstreamCode(failure: UpstreamFailure): UpstreamErrorCode {
  switch (failure) {
    case 'unset':
      return 'DASHBOARD.UPSTREAM_UNSET';
    case 'unreachable':
      return 'DASHBOARD.UPSTREAM_UNREACHABLE';
    case 'timeout':
      return 'DASHBOARD.UPSTREAM_TIMEOUT';
    case 'failed':
      return 'DASHBOARD.UPSTREAM_FAILED';
  }
}
