import { ContractError } from '@donations/contracts';

export const OVERVIEW_ERROR_CODES = ['STATS.NO_DATA'] as const;

export type OverviewErrorCode = (typeof OVERVIEW_ERROR_CODES)[number];

/** A read of the statistics failed for a reason the caller can act on. */
export class OverviewError extends ContractError {
  declare readonly code: OverviewErrorCode;

  constructor(code: OverviewErrorCode, message: string) {
    super(code, message);
  }
}
