import { QueryFailedError } from 'typeorm';
import { ContractError } from '@donations/contracts';

export const AGGREGATE_ERROR_CODES = [
  'AGGREGATE.OVERFLOW',
  'AGGREGATE.REFUND_EXCEEDS_DONATION',
  'AGGREGATE.VALUE_REFUSED',
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

/** PostgreSQL's numeric_value_out_of_range: a bigint column would overflow. */
const NUMERIC_VALUE_OUT_OF_RANGE = '22003';

/**
 * A total went out of range while a batch was counted: PostgreSQL refused a bigint sum, or a
 * total left the safe integer range of the aggregate topics (AGGREGATE.OVERFLOW).
 */
export function isTotalsOverflow(error: unknown): boolean {
  if (error instanceof AggregateError) {
    return error.code === 'AGGREGATE.OVERFLOW';
  }
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: unknown } | undefined)?.code === NUMERIC_VALUE_OUT_OF_RANGE
  );
}
