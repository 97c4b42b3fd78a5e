import type { StatementReport } from '@donations/adapter-kit';
import { describeStatementReport } from './statement-summary';

function aReport(overrides: Partial<StatementReport> = {}): StatementReport {
  return {
    platform: 'shuidi',
    dryRun: false,
    correlationId: 'c-1',
    period: { from: '2026-09-08T16:00:00.000Z', to: '2026-09-09T15:59:59.999Z' },
    counts: {
      rows: 4,
      events: 3,
      matched: 1,
      missingFromWebhooks: 1,
      emitted: 1,
      amountMismatches: 1,
      missingFromStatement: 0,
      rejected: 1,
      ignored: 0,
    },
    missingFromWebhooks: [
      {
        line: 3,
        eventId: 'e-2',
        type: 'donation.refunded',
        platformTxnId: 'sd-2',
        refundId: 'r-1',
        campaignId: 'c',
        amountMinor: 205,
        currency: 'CNY',
        occurredAt: '2026-09-09T10:00:00+08:00',
        alreadyImported: false,
      },
    ],
    amountMismatches: [
      {
        line: 4,
        eventId: 'e-3',
        type: 'donation.completed',
        platformTxnId: 'sd-3',
        campaignId: 'c',
        occurredAt: '2026-09-09T10:00:00+08:00',
        statement: { amountMinor: 900, currency: 'CNY' },
        recorded: { amountMinor: 800, currency: 'CNY', source: 'webhook' },
      },
    ],
    missingFromStatement: [],
    rejected: [{ line: 5, code: 'STATEMENT.INVALID_AMOUNT', message: 'amount "x"' }],
    ...overrides,
  };
}

describe('describeStatementReport', () => {
  it('summarises counts and lists the entries that need a look, in yuan', () => {
    const text = describeStatementReport(aReport());
    expect(text).toContain('shuidi statement imported');
    expect(text).toContain('period        2026-09-09 (UTC+8)');
    expect(text).toContain('missing from webhooks   1 (emitted 1)');
    expect(text).toContain(
      'line 4  donation.completed sd-3: statement 9.00 CNY, recorded 8.00 CNY (webhook)',
    );
    expect(text).toContain('line 3  donation.refunded sd-2/r-1 2.05 CNY');
    expect(text).toContain('line 5  STATEMENT.INVALID_AMOUNT  amount "x"');
    expect(text).not.toContain('missing from statement:');
  });

  it('says a dry run wrote nothing, and cuts long lists', () => {
    const rejected = Array.from({ length: 25 }, (_, i) => ({
      line: i + 2,
      code: 'STATEMENT.MALFORMED_ROW',
      message: 'bad',
    }));
    const text = describeStatementReport(aReport({ dryRun: true, rejected, period: null }));
    expect(text).toContain('checked (dry run: nothing written)');
    expect(text).toContain('period        none');
    expect(text).toContain('... 5 more (--json lists all)');
  });
});
