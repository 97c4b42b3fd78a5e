import { stateOfRows, TotalsRow } from './totals-row.state';

const aRow = (overrides: Partial<TotalsRow> = {}): TotalsRow => ({
  key: 'campaign-1',
  currency: 'CNY',
  raised_minor: '300',
  refunded_minor: '50',
  donation_count: '2',
  refund_count: '1',
  by_platform: {
    alipay: { raisedMinor: '300', refundedMinor: '50', donationCount: '2', refundCount: '1' },
  },
  first_event_at: new Date('2024-09-09T02:00:00.000Z'),
  last_event_at: new Date('2024-09-09T03:00:00.000Z'),
  ...overrides,
});

const NOW = new Date('2025-01-01T00:00:00.000Z');

describe('stateOfRows', () => {
  it('reads every currency with its net and platform shares', () => {
    const state = stateOfRows([aRow(), aRow({ currency: 'USD', refunded_minor: '0' })], 4, NOW);
    expect(state.version).toBe(4);
    expect(state.totals.get('CNY')?.netMinor).toBe(250n);
    expect(state.totals.get('USD')?.netMinor).toBe(300n);
    expect(state.totals.get('CNY')?.byPlatform.get('alipay')?.refundCount).toBe(1n);
  });

  it('spans the event times of all currencies', () => {
    const state = stateOfRows(
      [
        aRow(),
        aRow({
          currency: 'USD',
          first_event_at: new Date('2024-09-08T00:00:00.000Z'),
          last_event_at: null,
        }),
      ],
      1,
      NOW,
    );
    expect(state.firstEventAt).toBe('2024-09-08T00:00:00.000Z');
    expect(state.lastEventAt).toBe('2024-09-09T03:00:00.000Z');
  });

  it('reports the clock when no row has an event time', () => {
    const state = stateOfRows([aRow({ first_event_at: null, last_event_at: null })], 1, NOW);
    expect(state.firstEventAt).toBe(NOW.toISOString());
  });

  it('refuses an unknown currency or platform', () => {
    expect(() => stateOfRows([aRow({ currency: 'XXX' })], 1, NOW)).toThrow(/currency/);
    expect(() => stateOfRows([aRow({ by_platform: { nope: {} } })], 1, NOW)).toThrow(/platform/);
  });
});
