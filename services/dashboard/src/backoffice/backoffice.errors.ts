import { ContractError } from '@donations/contracts';

export const BACKOFFICE_ERROR_CODES = [
  'DASHBOARD.BACKOFFICE_QUERY_INVALID',
  'DASHBOARD.CHARITY_NOT_FOUND',
  'DASHBOARD.REGISTRY_UNSET',
] as const;

export type BackofficeErrorCode = (typeof BACKOFFICE_ERROR_CODES)[number];

/** A back-office question the dashboard cannot answer, for a reason the page can show. */
export class BackofficeError extends ContractError {
  declare readonly code: BackofficeErrorCode;

  constructor(code: BackofficeErrorCode, message: string) {
    super(code, message);
  }
}
