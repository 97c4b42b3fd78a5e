import { ContractError } from '@donations/contracts';

export const OVERVIEW_ERROR_CODES = ['STATS.NO_DATA', 'STATS.INVALID_QUERY'] as const;

export type OverviewErrorCode = (typeof OVERVIEW_ERROR_CODES)[number];

/** A read of the statistics (overview, timeseries, leaderboard) failed for a reason the caller can act on. */
export class OverviewError extends ContractError {
  declare readonly code: OverviewErrorCode;

  constructor(code: OverviewErrorCode, message: string) {
    super(code, message);
  }
}
