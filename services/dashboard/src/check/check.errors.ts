import { ContractError } from '@donations/contracts';

export const CHECK_ERROR_CODES = [
  'DASHBOARD.CHECK_INVALID',
  'DASHBOARD.CHECK_RATE_LIMITED',
] as const;

export type CheckErrorCode = (typeof CHECK_ERROR_CODES)[number];

/** A check the gateway will not look up: a malformed question, or too many from one client. */
export class CheckError extends ContractError {
  declare readonly code: CheckErrorCode;

  constructor(
    code: CheckErrorCode,
    message: string,
    /** When the client may ask again (a rate-limited one). */
    readonly retryAfterSeconds?: number,
  ) {
    super(code, message);
  }
}
