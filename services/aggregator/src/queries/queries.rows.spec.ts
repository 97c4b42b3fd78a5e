import { eventTimesOf, ledgerEventOf, rankedOf, TotalsRow, totalsOf } from './queries.rows';
import { statusOf } from './query-error.filter';

const aRow = (overrides: Partial<TotalsRow> = {}): TotalsRow => ({
  key: 'campaign-1',
  currency: 'CNY',
  raised_minor: '900719925474099300',
  refunded_minor: '300',
  donation_count: '2',
  refund_count: '1',
  by_platform: { alipay: { raisedMinor: '900719925474099300', refundedMinor: '300' } },
  first_event_at: new Date('2024-09-09T02:00:00Z'),
  last_event_at: new Date('2024-09-09T03:00:00Z'),
  ...overrides,
});

describe('query rows', () => {
  it('answers amounts as exact decimal strings with the net and every platform counter', () => {
    expect(totalsOf([aRow()])).toEqual({
      CNY: {
        raisedMinor: '900719925474099300',
        refundedMinor: '300',
        donationCount: '2',
        refundCount: '1',
        netMinor: '900719925474099000',
        byPlatform: {
          alipay: {
            raisedMinor: '900719925474099300',
            refundedMinor: '300',
            donationCount: '0',
            refundCount: '0',
          },
        },
        firstEventAt: '2024-09-09T02:00:00.000Z',
        lastEventAt: '2024-09-09T03:00:00.000Z',
      },
    });
  });

  it('takes the earliest and latest event over every currency, ignoring rows without times', () => {
    const usd = aRow({
      currency: 'USD',
      first_event_at: new Date('2024-09-09T01:00:00Z'),
      last_event_at: null,
    });
    expect(eventTimesOf([aRow(), usd])).toEqual({
      firstEventAt: '2024-09-09T01:00:00.000Z',
      lastEventAt: '2024-09-09T03:00:00.000Z',
    });
    expect(eventTimesOf([aRow({ first_event_at: null, last_event_at: null })])).toEqual({
      firstEventAt: null,
      lastEventAt: null,
    });
  });

  it('groups ranked campaigns per currency in rank order', () => {
    const ranked = (rank: string, campaign_id: string, currency: string) => ({
      rank,
      campaign_id,
      currency,
      raised_minor: '10',
      refunded_minor: '0',
      donation_count: '1',
      refund_count: '0',
      net_minor: '10',
    });
    const view = rankedOf([
      ranked('1', 'a', 'CNY'),
      ranked('2', 'b', 'CNY'),
      ranked('1', 'b', 'USD'),
    ]);
    expect(
      Object.fromEntries(Object.entries(view).map(([c, l]) => [c, l.map((r) => r.campaignId)])),
    ).toEqual({ CNY: ['a', 'b'], USD: ['b'] });
  });

  it('reports a refund that is not counted as rejected with its reason', () => {
    const event = ledgerEventOf({
      event_id: 'e1',
      type: 'donation.refunded',
      refund_id: 'r1',
      campaign_id: 'campaign-1',
      charity_id: 'charity',
      currency: 'CNY',
      amount_minor: '5',
      counted: false,
      rejection: 'AGGREGATE.REFUND_EXCEEDS_DONATION',
      occurred_at: new Date('2024-09-09T02:00:00Z'),
      recorded_at: new Date('2024-09-09T02:00:01Z'),
    });
    expect(event).toMatchObject({
      status: 'rejected',
      rejection: 'AGGREGATE.REFUND_EXCEEDS_DONATION',
    });
  });

  it('maps an unknown aggregate to 404', () => {
    expect(statusOf('AGGREGATE.NOT_FOUND')).toBe(404);
  });
});
