import { ContractError } from '@donations/contracts';

export const REPORT_ERROR_CODES = [
  'DASHBOARD.REPORT_NOT_FOUND',
  'DASHBOARD.BAD_REQUEST',
  'DASHBOARD.UPSTREAM_UNSET',
  'DASHBOARD.UPSTREAM_UNREACHABLE',
  'DASHBOARD.UPSTREAM_TIMEOUT',
  'DASHBOARD.UPSTREAM_FAILED',
] as const;

export type ReportErrorCode = (typeof REPORT_ERROR_CODES)[number];

/** An export the back office cannot give, for a reason the page (or its user) can act on. */
export class ReportError extends ContractError {
  declare readonly code: ReportErrorCode;

  constructor(code: ReportErrorCode, message: string) {
    super(code, message);
  }
}

/** The code of an aggregator call that did not answer (see UpstreamError). */
export { upstreamCode } from '../upstream/upstream.error';
