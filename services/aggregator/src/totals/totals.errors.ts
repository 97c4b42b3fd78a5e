import { ContractError } from '@donations/contracts';

export const AGGREGATE_ERROR_CODES = [
  'AGGREGATE.OVERFLOW',
  'AGGREGATE.REFUND_EXCEEDS_DONATION',
] as const;

export type AggregateErrorCode = (typeof AGGREGATE_ERROR_CODES)[number];

/**
 * A rule of the totals was broken. `code` is stable: it is the DLQ reason. `key` names the
 * totals row (`campaignId|currency`, `charityId|currency`) when one is concerned.
 */
export class AggregateError extends ContractError {
  declare readonly code: AggregateErrorCode;

  constructor(
    code: AggregateErrorCode,
    message: string,
    readonly key?: string,
  ) {
    super(code, message);
  }
}
