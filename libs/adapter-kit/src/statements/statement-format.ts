import type { Currency, Platform } from '@donations/contracts';

/** The header names of a platform's statement, by the field each one carries. */
export interface StatementColumns {
  /** The platform transaction id: the same id the webhook mapping uses (part of the eventId). */
  readonly transactionId: string;
  /** Says whether the row is a donation, a refund or something ignored (see `kinds`). */
  readonly kind: string;
  /** The refund's id on a refund row (the webhook mapping's refundId); empty on a donation. */
  readonly refundId: string;
  readonly occurredAt: string;
  /** Where a donation row carries its amount. */
  readonly donationAmount: string;
  /** Where a refund row carries this refund's amount (may be the same column). */
  readonly refundAmount: string;
  /** Optional column; an empty or absent cell means `defaultCurrency`. */
  readonly currency: string;
  /** The platform's project id, resolved through the campaign registry. */
  readonly projectId: string;
  /** The 慈善中国 filing number; with `charityId`, names the campaign without the registry. */
  readonly campaignId: string;
  /** 统一社会信用代码 of the charity (18 characters, GB 32100-2015). */
  readonly charityId: string;
}

/**
 * A platform's daily statement (对账单) CSV: a small declarative description that the generic
 * parser reads. One record per line, the first non-comment line is the header; columns are
 * found by name, so their order does not matter and unknown columns are ignored.
 */
export interface StatementFormat {
  readonly platform: Platform;
  /** The real statement the headers follow, for the docs. */
  readonly modelledOn: string;
  readonly columns: StatementColumns;
  /** Values of the kind column. Ignored rows (fees, payouts) are counted, not imported. */
  readonly kinds: {
    readonly donation: readonly string[];
    readonly refund: readonly string[];
    readonly ignored: readonly string[];
  };
  /** `decimal`: yuan-like strings ("12.30"); `minor`: integer minor units ("1230"). */
  readonly amountUnit: 'decimal' | 'minor';
  readonly defaultCurrency: Currency;
  /** Offset of timestamps written without one ("2026-09-09 10:00:01"). */
  readonly localOffset: '+08:00' | 'Z';
  /** Stripped from the start of every cell (WeChat Pay bills prefix cells with a backtick). */
  readonly cellPrefix?: string;
  /** Lines starting with it are comments (Alipay's downloads wrap the table in `#` lines). */
  readonly commentPrefix?: string;
  /** A first cell that ends the table (a totals section follows it). */
  readonly endMarker?: string;
  /**
   * The webhook mapping settles this platform's refunds per transaction (settleRefunds, refund
   * events `level:<minor>`): a refund row is then a `single` observation of its transaction,
   * settled under the same lock, instead of an event of its own refund id.
   */
  readonly refundsPerTransaction?: true;
  /** A small complete file in this format: documented in README.md and parsed by the tests. */
  readonly example: string;
}

/** Columns a statement's header must have; a campaign needs projectId or campaignId+charityId. */
export const REQUIRED_COLUMNS = [
  'transactionId',
  'kind',
  'refundId',
  'occurredAt',
  'donationAmount',
  'refundAmount',
] as const satisfies readonly (keyof StatementColumns)[];
