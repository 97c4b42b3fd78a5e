import { ContractError } from '@donations/contracts';

export const QUERY_ERROR_CODES = [
  'AGGREGATE.NOT_FOUND',
  'AGGREGATE.UNAUTHORIZED',
  'AGGREGATE.OPERATIONS_DISABLED',
  'AGGREGATE.GENERATION_IN_USE',
] as const;

export type QueryErrorCode = (typeof QUERY_ERROR_CODES)[number];

/** A request to the aggregator failed for a reason the caller can act on. */
export class QueryError extends ContractError {
  declare readonly code: QueryErrorCode;

  constructor(code: QueryErrorCode, message: string) {
    super(code, message);
  }
}

export const notFound = (what: string): QueryError =>
  new QueryError('AGGREGATE.NOT_FOUND', `${what} is not known to the aggregator`);
