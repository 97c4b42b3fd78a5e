import { aDonationEvent, aRefundEvent, DonationEventV1 } from '@donations/contracts';
import { reconcile, ReceiptView, statementPeriod } from './reconciliation';
import type { StatementEvent } from './statement-events';

function receiptOf(event: DonationEventV1, overrides: Partial<ReceiptView> = {}): ReceiptView {
  return {
    eventId: event.eventId,
    platformTxnId: event.platformTxnId,
    type: event.type,
    refundId: event.type === 'donation.refunded' ? event.refundId : null,
    campaignId: event.campaignId,
    amountMinor: event.amountMinor,
    currency: event.currency,
    occurredAt: new Date(event.occurredAt),
    source: 'webhook',
    ...overrides,
  };
}

const at = (line: number, event: DonationEventV1): StatementEvent => ({ line, event });

describe('reconcile', () => {
  const seen = aDonationEvent({ amountMinor: 500 });
  const seenRefund = aRefundEvent({ platformTxnId: seen.platformTxnId, amountMinor: 200 });
  const neverSeen = aDonationEvent({ amountMinor: 700 });
  const otherAmount = aDonationEvent({ amountMinor: 900 });
  const otherCurrency = aDonationEvent({ amountMinor: 300, currency: 'CNY' });
  const filledBefore = aDonationEvent({ amountMinor: 100 });
  const statement = [
    at(2, seen),
    at(3, seenRefund),
    at(4, neverSeen),
    at(5, otherAmount),
    at(6, otherCurrency),
    at(7, filledBefore),
  ];
  const known = [
    receiptOf(seen),
    receiptOf(seenRefund),
    receiptOf(otherAmount, { amountMinor: 800 }),
    receiptOf(otherCurrency, { currency: 'HKD' }),
    receiptOf(filledBefore, { source: 'statement' }),
  ];
  const result = reconcile(statement, known);

  it('matches statement events a webhook delivered with the same amount', () => {
    expect(result.matched).toEqual([at(2, seen), at(3, seenRefund)]);
  });

  it('lists events no webhook delivered, and emits only those no import filled yet', () => {
    expect(result.missingFromWebhooks).toEqual([
      { ...at(4, neverSeen), alreadyImported: false },
      { ...at(7, filledBefore), alreadyImported: true },
    ]);
    expect(result.toEmit).toEqual([at(4, neverSeen)]);
  });

  it('reports a different amount or currency under the same eventId, and emits neither', () => {
    expect(result.amountMismatches).toEqual([
      { line: 5, event: otherAmount, recorded: known[2] },
      { line: 6, event: otherCurrency, recorded: known[3] },
    ]);
    expect(result.toEmit.map((entry) => entry.event)).not.toContain(otherAmount);
  });

  it('reports nothing for an empty statement and no receipts', () => {
    expect(reconcile([], [])).toEqual({
      matched: [],
      missingFromWebhooks: [],
      toEmit: [],
      amountMismatches: [],
    });
  });
});

describe('statementPeriod', () => {
  it('widens [min..max occurredAt] to whole days in UTC+8', () => {
    const period = statementPeriod([
      '2026-09-09T23:59:59+08:00',
      '2026-09-09T00:00:00+08:00',
      '2026-09-10T07:30:00Z', // 15:30 on the 10th in Beijing
    ]);
    expect(period).toEqual({
      from: new Date('2026-09-09T00:00:00.000+08:00'),
      to: new Date('2026-09-10T23:59:59.999+08:00'),
    });
  });

  it('puts a UTC evening on the next Beijing day', () => {
    expect(statementPeriod(['2026-09-09T16:30:00Z'])).toEqual({
      from: new Date('2026-09-10T00:00:00.000+08:00'),
      to: new Date('2026-09-10T23:59:59.999+08:00'),
    });
  });

  it('has no period without events', () => {
    expect(statementPeriod([])).toBeUndefined();
  });
});
