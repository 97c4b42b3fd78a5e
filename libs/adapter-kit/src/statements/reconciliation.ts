import type { DonationEventV1 } from '@donations/contracts';
import type { ReceiptSource } from '../receipts/webhook-receipt.entity';
import type { StatementEvent } from './statement-events';

/** What reconciliation needs of a receipt (a WebhookReceipt row satisfies it). */
export interface ReceiptView {
  eventId: string;
  platformTxnId: string;
  type: string;
  refundId: string | null;
  campaignId: string;
  amountMinor: number;
  currency: string;
  occurredAt: Date;
  source: ReceiptSource;
}

export interface AmountMismatch {
  line: number;
  event: DonationEventV1;
  recorded: ReceiptView;
}

export interface Reconciliation {
  /** Statement events with a webhook receipt of the same amount and currency. */
  matched: StatementEvent[];
  /** Statement events no webhook delivered; `toEmit` are those no earlier import filled either. */
  missingFromWebhooks: (StatementEvent & { alreadyImported: boolean })[];
  toEmit: StatementEvent[];
  /** Same eventId, different amount or currency: reported, never emitted. */
  amountMismatches: AmountMismatch[];
}

/**
 * Compares a chunk of a statement with what the adapter recorded. `known` are the receipts
 * (webhook or an earlier import) that share an eventId with the chunk. The receipts the statement
 * lacks are found in SQL once the whole file is read (StatementStagingRepository). Pure.
 */
export function reconcile(
  events: readonly StatementEvent[],
  known: readonly ReceiptView[],
): Reconciliation {
  const byEventId = new Map(known.map((receipt) => [receipt.eventId, receipt]));
  const result: Reconciliation = {
    matched: [],
    missingFromWebhooks: [],
    toEmit: [],
    amountMismatches: [],
  };
  for (const entry of events) {
    const recorded = byEventId.get(entry.event.eventId);
    if (recorded === undefined) {
      result.missingFromWebhooks.push({ ...entry, alreadyImported: false });
      result.toEmit.push(entry);
    } else if (!sameMoney(entry.event, recorded)) {
      result.amountMismatches.push({ line: entry.line, event: entry.event, recorded });
    } else if (recorded.source === 'statement') {
      result.missingFromWebhooks.push({ ...entry, alreadyImported: true });
    } else {
      result.matched.push(entry);
    }
  }
  return result;
}

function sameMoney(event: DonationEventV1, recorded: ReceiptView): boolean {
  return event.amountMinor === recorded.amountMinor && event.currency === recorded.currency;
}

/** Statements are per Beijing day: periods are whole days in UTC+8. */
const UTC8_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface StatementPeriod {
  /** 00:00:00.000 (UTC+8) of the earliest day. */
  from: Date;
  /** 23:59:59.999 (UTC+8) of the latest day: both ends inclusive. */
  to: Date;
}

/** [min..max occurredAt], widened to whole days in UTC+8; undefined without events. */
export function statementPeriod(occurredAts: readonly string[]): StatementPeriod | undefined {
  let range: TimeRange | undefined;
  for (const iso of occurredAts) range = widen(range, iso);
  return range && periodOf(range);
}

/** The earliest and latest instant seen so far (ms), kept as a statement streams by. */
export interface TimeRange {
  first: number;
  last: number;
}

export function widen(range: TimeRange | undefined, iso: string): TimeRange {
  const ms = Date.parse(iso);
  return range
    ? { first: Math.min(range.first, ms), last: Math.max(range.last, ms) }
    : { first: ms, last: ms };
}

export function periodOf({ first, last }: TimeRange): StatementPeriod {
  return { from: new Date(utc8DayStart(first)), to: new Date(utc8DayStart(last) + DAY_MS - 1) };
}

function utc8DayStart(ms: number): number {
  return Math.floor((ms + UTC8_OFFSET_MS) / DAY_MS) * DAY_MS - UTC8_OFFSET_MS;
}
