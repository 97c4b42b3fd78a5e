import { aDonationEvent, aRefundEvent } from '@donations/contracts';
import { decideBatchRefunds, LedgerTransaction } from './batch-refunds';
import { transactionKey } from './refund.fold';

const ids = (events: readonly { eventId: string }[]): string[] => events.map((e) => e.eventId);

describe('decideBatchRefunds', () => {
  it('counts a refund that fits its donation in the same batch', () => {
    const donation = aDonationEvent({ amountMinor: 1000 });
    const refund = aRefundEvent({ platformTxnId: donation.platformTxnId, amountMinor: 400 });
    const decisions = decideBatchRefunds([donation, refund], new Map());
    expect(ids(decisions.counted)).toEqual(ids([donation, refund]));
    expect(decisions.rejected).toEqual([]);
  });

  it('counts a refund before its donation as pending, and keeps it when it fits', () => {
    const refund = aRefundEvent({ amountMinor: 400 });
    const donation = aDonationEvent({ platformTxnId: refund.platformTxnId, amountMinor: 1000 });
    const decisions = decideBatchRefunds([refund, donation], new Map());
    expect(ids(decisions.counted)).toEqual(ids([refund, donation]));
  });

  it('rejects a refund that exceeds the donation in the ledger', () => {
    const refund = aRefundEvent({ amountMinor: 400 });
    const ledger = new Map<string, LedgerTransaction>([
      [
        transactionKey(refund),
        { donationMinor: 1000n, countedRefunds: [aRefundEvent({ amountMinor: 700 })] },
      ],
    ]);
    const decisions = decideBatchRefunds([refund], ledger);
    expect(ids(decisions.rejected)).toEqual(ids([refund]));
    expect(decisions.counted).toEqual([]);
  });

  it('takes back a pending refund of an earlier batch that exceeds the arriving donation', () => {
    const pending = aRefundEvent({ amountMinor: 1500 });
    const donation = aDonationEvent({ platformTxnId: pending.platformTxnId, amountMinor: 1000 });
    const ledger = new Map<string, LedgerTransaction>([
      [transactionKey(pending), { donationMinor: undefined, countedRefunds: [pending] }],
    ]);
    const decisions = decideBatchRefunds([donation], ledger);
    expect(ids(decisions.reversed)).toEqual(ids([pending]));
    expect(ids(decisions.counted)).toEqual(ids([donation]));
  });

  it('rejects without counting a refund of the batch that the later donation shows to exceed it', () => {
    const refund = aRefundEvent({ amountMinor: 1500 });
    const donation = aDonationEvent({ platformTxnId: refund.platformTxnId, amountMinor: 1000 });
    const decisions = decideBatchRefunds([refund, donation], new Map());
    expect(ids(decisions.rejected)).toEqual(ids([refund]));
    expect(decisions.reversed).toEqual([]);
    expect(ids(decisions.counted)).toEqual(ids([donation]));
  });
});
