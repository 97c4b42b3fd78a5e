import { SHUIDI_STATEMENT_FORMAT } from './formats/shuidi.format';
import { interpretRow, statementAmount, StatementRowError, statementTime } from './statement-row';

function rowError(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof StatementRowError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a StatementRowError');
}

describe('statementAmount', () => {
  it.each([
    ['12.30', 'CNY', 1230],
    ['0.29', 'CNY', 29],
    ['19.99', 'CNY', 1999],
    ['1.1', 'CNY', 110],
    ['100', 'CNY', 10000],
    ['1000', 'JPY', 1000],
    ['1.234', 'KWD', 1234],
  ])('converts decimal %s %s to %d minor units without floating point', (cell, currency, minor) => {
    expect(statementAmount(cell, currency, 'decimal', false)).toBe(minor);
  });

  it.each([
    ['1230', 1230],
    ['1', 1],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
  ])('takes minor-unit integer %s as is', (cell, minor) => {
    expect(statementAmount(cell, 'CNY', 'minor', false)).toBe(minor);
  });

  it('takes a refund written as a debit as its magnitude', () => {
    expect(statementAmount('-2.30', 'CNY', 'decimal', true)).toBe(230);
    expect(statementAmount('-500', 'USD', 'minor', true)).toBe(500);
  });

  it.each([
    ['a negative donation', '-5.00', 'decimal', false],
    ['too many decimals', '1.005', 'decimal', false],
    ['an exponent', '1e3', 'decimal', false],
    ['a thousands separator', '1,234.00', 'decimal', false],
    ['an empty cell', '', 'decimal', false],
    ['zero', '0.00', 'decimal', false],
    ['a fraction of a fen', '12.5', 'minor', false],
    ['zero fen', '0', 'minor', false],
    ['a double minus on a refund', '--5', 'minor', true],
    ['beyond the safe integer range', '9007199254740992', 'minor', false],
  ] as const)('rejects %s as INVALID_AMOUNT', (_name, cell, unit, refund) => {
    expect(rowError(() => statementAmount(cell, 'CNY', unit, refund)).code).toBe(
      'STATEMENT.INVALID_AMOUNT',
    );
  });

  it('rejects an unknown currency', () => {
    expect(rowError(() => statementAmount('1.00', 'RMB', 'decimal', false)).code).toBe(
      'STATEMENT.UNKNOWN_CURRENCY',
    );
  });
});

describe('statementTime', () => {
  it('reads a local time in the format offset', () => {
    expect(statementTime('2026-09-09 10:00:01', '+08:00')).toBe('2026-09-09T10:00:01+08:00');
    expect(statementTime('2026/09/09 10:00:01', '+08:00')).toBe('2026-09-09T10:00:01+08:00');
    expect(statementTime('2026-09-09 02:00:01', 'Z')).toBe('2026-09-09T02:00:01Z');
  });

  it('keeps an explicit offset', () => {
    expect(statementTime('2026-09-09T10:00:01.250+09:00', '+08:00')).toBe(
      '2026-09-09T10:00:01.250+09:00',
    );
  });

  it.each(['2026-02-30 10:00:00', '2026-09-09', '09/09/2026 10:00', 'yesterday', ''])(
    'rejects %j',
    (cell) => {
      expect(rowError(() => statementTime(cell, '+08:00')).code).toBe('STATEMENT.MALFORMED_ROW');
    },
  );
});

describe('interpretRow', () => {
  const format = SHUIDI_STATEMENT_FORMAT;
  const donation = {
    transactionId: 'sd-1',
    kind: 'donation.paid',
    refundId: '',
    occurredAt: '2026-09-09 10:00:00',
    donationAmount: '500',
    refundAmount: '500',
    currency: '',
    projectId: 'proj-1',
    campaignId: '',
    charityId: '',
  };

  it('builds an entry with the default currency and the project id', () => {
    expect(interpretRow(donation, format)).toEqual({
      outcome: 'entry',
      entry: {
        type: 'donation.completed',
        platformTxnId: 'sd-1',
        amountMinor: 500,
        currency: 'CNY',
        occurredAt: '2026-09-09T10:00:00+08:00',
        campaign: { projectId: 'proj-1' },
      },
    });
  });

  it('prefers campaign id and charity over the project id', () => {
    const row = { ...donation, campaignId: 'MZ-1', charityId: '53100000500021676K' };
    expect(interpretRow(row, format)).toMatchObject({
      entry: { campaign: { campaignId: 'MZ-1', charityId: '53100000500021676K' } },
    });
  });

  it('leaves the campaign of a refund that names none to its donation', () => {
    const refund = { ...donation, kind: 'donation.refunded', refundId: 'r-1', projectId: '' };
    const outcome = interpretRow(refund, format);
    expect(outcome).toMatchObject({ outcome: 'entry', entry: { refundId: 'r-1' } });
    expect(outcome.outcome === 'entry' && 'campaign' in outcome.entry).toBe(false);
  });

  it.each([
    ['a refund without refund id', { kind: 'donation.refunded' }, 'STATEMENT.MALFORMED_ROW'],
    ['no transaction id', { transactionId: '' }, 'STATEMENT.MALFORMED_ROW'],
    ['no campaign', { projectId: '', campaignId: 'MZ-1' }, 'STATEMENT.MALFORMED_ROW'],
    ['a donation naming no campaign', { projectId: '' }, 'STATEMENT.MALFORMED_ROW'],
    ['an unknown kind', { kind: 'donation.teleported' }, 'STATEMENT.UNKNOWN_KIND'],
    ['a bad amount', { donationAmount: '5.00' }, 'STATEMENT.INVALID_AMOUNT'],
  ])('rejects %s', (_name, overrides, code) => {
    expect(interpretRow({ ...donation, ...overrides }, format)).toMatchObject({
      outcome: 'rejected',
      code,
    });
  });
});
