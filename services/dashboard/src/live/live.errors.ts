import { ContractError } from '@donations/contracts';

export const LIVE_ERROR_CODES = ['DASHBOARD.TOO_MANY_CLIENTS'] as const;

export type LiveErrorCode = (typeof LIVE_ERROR_CODES)[number];

/** A live stream the gateway will not serve now, for a reason the page can act on. */
export class LiveError extends ContractError {
  declare readonly code: LiveErrorCode;

  constructor(code: LiveErrorCode, message: string) {
    super(code, message);
  }
}
