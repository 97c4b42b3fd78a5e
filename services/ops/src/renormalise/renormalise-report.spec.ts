import type { RawWebhook, RenormalisedEvent, RenormaliseResult } from '@donations/contracts';
import type { RawEntry } from './raw-records';
import { reportedRecord, reportOf, resultOf } from './renormalise-report';

const figures = {
  type: 'donation.completed' as const,
  campaignId: 'campaign-a',
  charityId: '53100000500021676K',
  amountMinor: 500,
  currency: 'CNY',
  occurredAt: '2026-12-06T02:00:01.000Z',
};

function event(status: RenormalisedEvent['status'], n = 1): RenormalisedEvent {
  const eventId = `00000000-0000-4000-8000-00000000000${n}`;
  if (status === 'new') return { eventId, status, after: figures, before: null };
  if (status === 'same') return { eventId, status, after: figures, before: figures };
  return { eventId, status, after: { ...figures, campaignId: 'campaign-b' }, before: figures };
}

const mapped = (...events: RenormalisedEvent[]): RenormaliseResult => ({
  outcome: 'mapped',
  emitted: events.some((candidate) => candidate.status === 'new'),
  events,
});
const failing: RenormaliseResult = {
  outcome: 'failing',
  reason: 'WEBHOOK.UNKNOWN_CAMPAIGN',
  message: 'no campaign registered for shuidi project p',
};

function entry(id: string, outcome?: RawWebhook['outcome']): RawEntry {
  return {
    id,
    record: {
      platform: 'shuidi',
      receivedAt: '2026-12-06T02:00:02.000Z',
      method: 'POST',
      path: '/webhooks/shuidi',
      headers: {},
      bodyBase64: 'e30=',
      correlationId: `c-${id}`,
      ...(outcome ? { outcome } : {}),
    },
  };
}
const rejected = { status: 'rejected' as const, reason: 'WEBHOOK.UNKNOWN_CAMPAIGN', message: 'x' };
const accepted = { status: 'accepted' as const };

describe('renormalise report', () => {
  it('names each record from what it was answered then and what the mapping gives now', () => {
    expect(resultOf(true, mapped(event('same')))).toBe('unchanged');
    expect(resultOf(false, mapped(event('same')))).toBe('unchanged'); // re-driven from the DLQ
    expect(resultOf(true, mapped())).toBe('unchanged'); // a refund already settled: no event
    expect(resultOf(false, mapped(event('new')))).toBe('newly-mapped');
    expect(resultOf(false, failing)).toBe('still-failing');
    expect(resultOf(true, failing)).toBe('now-failing');
    expect(resultOf(true, mapped(event('same', 1), event('differs', 2)))).toBe('changed');
    expect(resultOf(false, mapped(event('new', 1), event('differs', 2)))).toBe('changed');
    // An accepted request that now gives an id never emitted would add to the totals.
    expect(resultOf(true, mapped(event('new')))).toBe('changed');
  });

  it('reads a record kept before outcomes were as accepted', () => {
    expect(reportedRecord(entry('0:1'), mapped(event('new')))).toMatchObject({
      was: 'accepted',
      result: 'changed',
    });
  });

  it('counts every result and event, and lists every record that is not unchanged', () => {
    const records = [
      reportedRecord(entry('0:1', accepted), mapped(event('same', 1))),
      reportedRecord(entry('0:2', rejected), mapped(event('new', 2))),
      reportedRecord(entry('1:1', rejected), failing),
      reportedRecord(entry('1:2', accepted), mapped(event('differs', 3))),
    ];
    const report = reportOf(
      { platform: 'shuidi', from: null, to: null, dryRun: false, unreadable: ['2:0'] },
      records,
    );
    expect(report).toMatchObject({
      selected: 4,
      counts: {
        unchanged: 1,
        'newly-mapped': 1,
        changed: 1,
        'still-failing': 1,
        'now-failing': 0,
      },
      newEvents: 1,
      changedEvents: 1,
      unreadable: ['2:0'],
    });
    expect(report.records).toEqual([
      expect.objectContaining({
        id: '0:2',
        was: 'rejected',
        wasReason: 'WEBHOOK.UNKNOWN_CAMPAIGN',
        emitted: true,
        events: [event('new', 2)],
      }),
      expect.objectContaining({
        id: '1:1',
        reason: 'WEBHOOK.UNKNOWN_CAMPAIGN',
        message: failing.outcome === 'failing' ? failing.message : '',
        emitted: false,
        events: [],
      }),
      expect.objectContaining({ id: '1:2', result: 'changed', emitted: false }),
    ]);
  });

  it('reports an empty run as zeros', () => {
    const report = reportOf(
      { platform: 'jd', from: null, to: null, dryRun: true, unreadable: [] },
      [],
    );
    expect(report).toMatchObject({ selected: 0, newEvents: 0, changedEvents: 0, records: [] });
    expect(Object.values(report.counts)).toEqual([0, 0, 0, 0, 0]);
  });
});
