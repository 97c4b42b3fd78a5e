import { ContractError } from '../common/contract-error';

export const MONEY_ERROR_CODES = [
  'MONEY.INVALID_AMOUNT',
  'MONEY.TOO_MANY_DECIMALS',
  'MONEY.AMOUNT_TOO_LARGE',
  'MONEY.UNKNOWN_CURRENCY',
] as const;

export type MoneyErrorCode = (typeof MONEY_ERROR_CODES)[number];

/** An amount or currency that cannot be turned into minor units exactly. */
export class MoneyError extends ContractError {
  declare readonly code: MoneyErrorCode;

  constructor(code: MoneyErrorCode, message: string) {
    super(code, message);
  }
}
