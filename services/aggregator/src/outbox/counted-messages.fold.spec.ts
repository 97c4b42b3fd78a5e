import {
  aDonationEvent,
  aRefundEvent,
  DonationCountedV1,
  DonationCountedV1Schema,
  DonationEventV1,
} from '@donations/contracts';
import { decideBatchRefunds, LedgerTransaction } from '../totals/batch-refunds';
import { TOTAL_OVERFLOW } from '../totals/overflow.fold';
import { REFUND_EXCEEDS_DONATION, transactionKey } from '../totals/refund.fold';
import {
  countedMessages,
  mergeBySource,
  refusedMessages,
  SourcedEvent,
} from './counted-messages.fold';

const PARTITION = 7;

/** The batch's events read at offsets 10, 11, ... */
const sourced = (events: readonly DonationEventV1[], from = 10): SourcedEvent[] =>
  events.map((value, index) => ({ message: { offset: String(from + index) }, value }));

/** The messages of a batch whose new events are decided by the refund rule. */
function messagesOf(
  events: readonly DonationEventV1[],
  ledger: ReadonlyMap<string, LedgerTransaction> = new Map(),
  overflowing: readonly DonationEventV1[] = [],
): DonationCountedV1[] {
  const decisions = decideBatchRefunds(events, ledger);
  return countedMessages({
    partition: PARTITION,
    fresh: sourced(events),
    notCounted: [
      { events: decisions.rejected, reason: REFUND_EXCEEDS_DONATION },
      { events: overflowing, reason: TOTAL_OVERFLOW },
    ],
    takenBack: decisions.reversed,
  });
}

const summary = (messages: readonly DonationCountedV1[]) =>
  messages.map((m) => ({
    offset: m.source.offset,
    eventId: m.event.eventId,
    decision: m.decision,
    reason: m.reason,
    takenBack: m.takenBack.map((refund) => refund.eventId),
  }));

describe('countedMessages', () => {
  it('gives every new event one message, in offset order, on its source partition, valid by the contract', () => {
    const donation = aDonationEvent({ amountMinor: 1000 });
    const refund = aRefundEvent({ platformTxnId: donation.platformTxnId, amountMinor: 400 });
    const excess = aRefundEvent({ platformTxnId: donation.platformTxnId, amountMinor: 700 });
    const other = aDonationEvent({ amountMinor: 5 });
    const messages = messagesOf([donation, refund, excess, other], new Map(), [other]);
    expect(summary(messages)).toEqual([
      { offset: '10', eventId: donation.eventId, decision: 'counted', takenBack: [] },
      { offset: '11', eventId: refund.eventId, decision: 'counted', takenBack: [] },
      {
        offset: '12',
        eventId: excess.eventId,
        decision: 'not-counted',
        reason: REFUND_EXCEEDS_DONATION,
        takenBack: [],
      },
      {
        offset: '13',
        eventId: other.eventId,
        decision: 'not-counted',
        reason: TOTAL_OVERFLOW,
        takenBack: [],
      },
    ]);
    for (const message of messages) {
      expect(message.source.partition).toBe(PARTITION);
      expect(DonationCountedV1Schema.parse(JSON.parse(JSON.stringify(message)))).toEqual(message);
    }
  });

  it('rejects a refund of the batch that its later donation shows to exceed it, without taking anything back', () => {
    const refund = aRefundEvent({ amountMinor: 1500 });
    const donation = aDonationEvent({ platformTxnId: refund.platformTxnId, amountMinor: 1000 });
    expect(summary(messagesOf([refund, donation]))).toEqual([
      {
        offset: '10',
        eventId: refund.eventId,
        decision: 'not-counted',
        reason: REFUND_EXCEEDS_DONATION,
        takenBack: [],
      },
      { offset: '11', eventId: donation.eventId, decision: 'counted', takenBack: [] },
    ]);
  });

  it('attaches a refund of an earlier batch taken back to the donation of its transaction', () => {
    const pending = aRefundEvent({ amountMinor: 1500 });
    const before = aDonationEvent({ amountMinor: 3 });
    const donation = aDonationEvent({ platformTxnId: pending.platformTxnId, amountMinor: 1000 });
    const after = aDonationEvent({ amountMinor: 4 });
    const ledger = new Map<string, LedgerTransaction>([
      [transactionKey(pending), { donationMinor: undefined, countedRefunds: [pending] }],
    ]);
    expect(summary(messagesOf([before, donation, after], ledger))).toEqual([
      { offset: '10', eventId: before.eventId, decision: 'counted', takenBack: [] },
      {
        offset: '11',
        eventId: donation.eventId,
        decision: 'counted',
        takenBack: [pending.eventId],
      },
      { offset: '12', eventId: after.eventId, decision: 'counted', takenBack: [] },
    ]);
  });

  it('gives nothing for a batch without new events', () => {
    expect(messagesOf([])).toEqual([]);
  });
});

describe('refusedMessages and mergeBySource', () => {
  it('merges the refused events into the batch by offset, as numbers', () => {
    const [a, b, c] = [1, 2, 3].map((amountMinor) => aDonationEvent({ amountMinor }));
    const applied = countedMessages({
      partition: PARTITION,
      fresh: [
        { message: { offset: '9' }, value: a },
        { message: { offset: '11' }, value: c },
      ],
      notCounted: [],
      takenBack: [],
    });
    const refused = refusedMessages(
      PARTITION,
      [{ message: { offset: '10' }, value: b }],
      'AGGREGATE.VALUE_REFUSED',
    );
    expect(summary(mergeBySource(applied, refused))).toEqual([
      { offset: '9', eventId: a.eventId, decision: 'counted', takenBack: [] },
      {
        offset: '10',
        eventId: b.eventId,
        decision: 'not-counted',
        reason: 'AGGREGATE.VALUE_REFUSED',
        takenBack: [],
      },
      { offset: '11', eventId: c.eventId, decision: 'counted', takenBack: [] },
    ]);
  });
});
