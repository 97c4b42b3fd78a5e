import {
  decimalToMinor,
  DonationEventType,
  IsoDateTimeSchema,
  isCurrency,
  MoneyError,
} from '@donations/contracts';
import type { CampaignRef } from '../pipeline/platform-mapping';
import type { ColumnKey } from './statement-csv';
import type { StatementFormat } from './statement-format';
import type { StatementRowCode } from './statement.errors';

/** A statement row understood: a donation or a refund, before ids and envelope are added. */
export interface StatementEntry {
  type: DonationEventType;
  platformTxnId: string;
  refundId?: string;
  amountMinor: number;
  currency: string;
  occurredAt: string;
  /**
   * Named by the row itself, or a project id for the campaign registry. Absent on a refund that
   * names none: like a webhook refund, it goes to its donation's campaign.
   */
  campaign?: CampaignRef | { projectId: string };
}

export type RowOutcome =
  | { outcome: 'entry'; entry: StatementEntry }
  | { outcome: 'ignored' }
  | { outcome: 'rejected'; code: StatementRowCode; message: string };

/** A row that cannot be imported; caught by interpretRow and reported with its line. */
export class StatementRowError extends Error {
  constructor(
    readonly code: StatementRowCode,
    message: string,
  ) {
    super(message);
    this.name = 'StatementRowError';
  }
}

type Values = Partial<Record<ColumnKey, string>>;

/** The row as an entry, an ignored kind (fees, payouts), or a rejection with its reason. */
export function interpretRow(values: Values, format: StatementFormat): RowOutcome {
  try {
    const type = kindOf(values.kind ?? '', format);
    if (type === 'ignored') return { outcome: 'ignored' };
    return { outcome: 'entry', entry: entryOf(values, type, format) };
  } catch (error) {
    if (!(error instanceof StatementRowError)) throw error;
    return { outcome: 'rejected', code: error.code, message: error.message };
  }
}

function entryOf(values: Values, type: DonationEventType, format: StatementFormat): StatementEntry {
  const refund = type === 'donation.refunded';
  const platformTxnId = required(values, 'transactionId', format);
  const currency = (values.currency || format.defaultCurrency).toUpperCase();
  const amountCell = values[refund ? 'refundAmount' : 'donationAmount'] ?? '';
  return {
    type,
    platformTxnId,
    ...(refund ? { refundId: required(values, 'refundId', format) } : {}),
    amountMinor: statementAmount(amountCell, currency, format.amountUnit, refund),
    currency,
    occurredAt: statementTime(required(values, 'occurredAt', format), format.localOffset),
    ...campaignOf(values, format, refund),
  };
}

function kindOf(value: string, format: StatementFormat): DonationEventType | 'ignored' {
  if (format.kinds.donation.includes(value)) return 'donation.completed';
  if (format.kinds.refund.includes(value)) return 'donation.refunded';
  if (format.kinds.ignored.includes(value)) return 'ignored';
  throw new StatementRowError(
    'STATEMENT.UNKNOWN_KIND',
    `${format.columns.kind} "${value.slice(0, 32)}" is not a donation or refund kind`,
  );
}

/**
 * An amount cell in integer minor units, without floating point: `decimal` cells go through
 * decimalToMinor ("12.30" CNY -> 1230), `minor` cells must be plain integers ("1230"). A refund
 * may be written as a debit ("-2.30"); the refund is its magnitude. Zero is not a donation.
 */
export function statementAmount(
  cell: string,
  currency: string,
  unit: StatementFormat['amountUnit'],
  refund: boolean,
): number {
  if (!isCurrency(currency)) {
    throw new StatementRowError('STATEMENT.UNKNOWN_CURRENCY', `unknown currency "${currency}"`);
  }
  const magnitude = refund && cell.startsWith('-') ? cell.slice(1) : cell;
  const minor = unit === 'decimal' ? decimalMinor(magnitude, currency) : integerMinor(magnitude);
  if (minor === 0) {
    throw new StatementRowError('STATEMENT.INVALID_AMOUNT', 'amount must be greater than zero');
  }
  return minor;
}

function decimalMinor(cell: string, currency: string): number {
  try {
    return decimalToMinor(cell, currency);
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error;
    throw new StatementRowError('STATEMENT.INVALID_AMOUNT', `amount "${cell}": ${error.message}`);
  }
}

function integerMinor(cell: string): number {
  if (!/^\d{1,16}$/.test(cell) || BigInt(cell) > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new StatementRowError(
      'STATEMENT.INVALID_AMOUNT',
      `amount "${cell.slice(0, 32)}" is not a non-negative integer of minor units`,
    );
  }
  return Number(cell);
}

const DATE_TIME =
  /^(\d{4})[-/](\d{2})[-/](\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * A statement timestamp as ISO-8601 with an offset: "2026-09-09 10:00:01" (or with `/` or `T`)
 * in the format's local offset, or any such time with its own offset. Calendar dates checked.
 */
export function statementTime(cell: string, localOffset: string): string {
  const match = DATE_TIME.exec(cell);
  if (match) {
    const [, y, mo, d, h, mi, s, fraction = '', offset = localOffset] = match;
    const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}${offset}`;
    if (IsoDateTimeSchema.safeParse(iso).success) return iso;
  }
  throw new StatementRowError(
    'STATEMENT.MALFORMED_ROW',
    `time "${cell.slice(0, 40)}" is not a date-time (yyyy-MM-dd HH:mm:ss)`,
  );
}

function campaignOf(
  values: Values,
  format: StatementFormat,
  refund: boolean,
): Pick<StatementEntry, 'campaign'> {
  const { campaignId, charityId, projectId } = values;
  if (campaignId && charityId) return { campaign: { campaignId, charityId } };
  if (projectId) return { campaign: { projectId } };
  if (refund && !campaignId && !charityId) return {};
  const { columns } = format;
  throw new StatementRowError(
    'STATEMENT.MALFORMED_ROW',
    `no campaign: give ${columns.projectId}, or ${columns.campaignId} and ${columns.charityId}`,
  );
}

function required(values: Values, key: ColumnKey, format: StatementFormat): string {
  const value = values[key];
  if (value) return value;
  throw new StatementRowError('STATEMENT.MALFORMED_ROW', `${format.columns[key]} is empty`);
}
