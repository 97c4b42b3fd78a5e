import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLATFORMS, Platform } from '@donations/contracts';
import { parseStatementCsv } from '../statement-csv';
import { interpretRow, StatementEntry } from '../statement-row';
import { STATEMENT_FORMATS } from './index';

const CAMPAIGN = { campaignId: 'MZ-2026-0001', charityId: '53100000500021676K' };

type Expected = [StatementEntry['type'], string, string | undefined, number, string, string];

/** What each example file means: type, txn, refund, minor units, currency, occurredAt. */
const EXPECTED: Record<Platform, { entries: Expected[]; ignored: number }> = {
  alipay: {
    entries: [
      [
        'donation.completed',
        '2026090922001400001000000001',
        undefined,
        1230,
        'CNY',
        '2026-09-09T10:00:01+08:00',
      ],
      [
        'donation.completed',
        '2026090922001400001000000002',
        undefined,
        10000,
        'CNY',
        '2026-09-09T10:05:42+08:00',
      ],
      [
        'donation.refunded',
        '2026090922001400001000000001',
        'RF20260909000001',
        230,
        'CNY',
        '2026-09-09T18:20:00+08:00',
      ],
    ],
    ignored: 1,
  },
  tencent: {
    entries: [
      [
        'donation.completed',
        '4200002026090900000001',
        undefined,
        500,
        'CNY',
        '2026-09-09T10:00:01+08:00',
      ],
      [
        'donation.completed',
        '4200002026090900000002',
        undefined,
        9900,
        'CNY',
        '2026-09-09T10:00:03+08:00',
      ],
      [
        'donation.refunded',
        '4200002026090900000001',
        '50300020262026090900000001',
        200,
        'CNY',
        '2026-09-09T12:30:00+08:00',
      ],
    ],
    ignored: 1,
  },
  stripe: {
    entries: [
      ['donation.completed', 'pi_3PqA1b2C3d4E5f6G', undefined, 2500, 'USD', '2026-09-09T02:00:01Z'],
      [
        'donation.completed',
        'pi_3PqA1b2C3d4E5f7H',
        undefined,
        10000,
        'HKD',
        '2026-09-09T03:10:00Z',
      ],
      [
        'donation.refunded',
        'pi_3PqA1b2C3d4E5f6G',
        're_3PqA1b2C3d4E5f6G0aBcDe',
        500,
        'USD',
        '2026-09-10T01:00:00Z',
      ],
    ],
    ignored: 1,
  },
  shuidi: {
    entries: [
      [
        'donation.completed',
        'sd-20260909-0001',
        undefined,
        500,
        'CNY',
        '2026-09-09T10:00:01+08:00',
      ],
      [
        'donation.completed',
        'sd-20260909-0002',
        undefined,
        2000,
        'CNY',
        '2026-09-09T11:30:00+08:00',
      ],
      ['donation.refunded', 'sd-20260909-0001', 'r-1', 200, 'CNY', '2026-09-09T12:00:00+08:00'],
    ],
    ignored: 0,
  },
  jd: {
    entries: [
      [
        'donation.completed',
        'JD2026090900000001',
        undefined,
        1230,
        'CNY',
        '2026-09-09T10:00:01+08:00',
      ],
      [
        'donation.completed',
        'JD2026090900000002',
        undefined,
        5000,
        'CNY',
        '2026-09-09T10:02:00+08:00',
      ],
      [
        'donation.refunded',
        'JD2026090900000001',
        'JDR2026090900000001',
        230,
        'CNY',
        '2026-09-09T15:00:00+08:00',
      ],
    ],
    ignored: 0,
  },
};

describe.each(PLATFORMS)('the %s statement format', (platform) => {
  const format = STATEMENT_FORMATS[platform];

  it('parses its example into donations and refunds, with nothing rejected', async () => {
    const parsed = await parseStatementCsv(Buffer.from(format.example), format);
    expect(parsed.rejected).toEqual([]);
    const outcomes = parsed.records.map((record) => interpretRow(record.values, format));
    const entries = outcomes.flatMap((o) => (o.outcome === 'entry' ? [o.entry] : []));
    expect(outcomes.filter((o) => o.outcome === 'ignored')).toHaveLength(
      EXPECTED[platform].ignored,
    );
    expect(outcomes.filter((o) => o.outcome === 'rejected')).toEqual([]);
    const summary: Expected[] = entries.map((e) => [
      e.type,
      e.platformTxnId,
      e.refundId,
      e.amountMinor,
      e.currency,
      e.occurredAt,
    ]);
    expect(summary).toEqual(EXPECTED[platform].entries);
  });

  it('names the campaign by project id or by campaign id and charity', async () => {
    const parsed = await parseStatementCsv(Buffer.from(format.example), format);
    const [first, second] = parsed.records.map((record) => interpretRow(record.values, format));
    expect(first?.outcome === 'entry' && first.entry.campaign).toHaveProperty('projectId');
    expect(second).toMatchObject({ outcome: 'entry', entry: { campaign: CAMPAIGN } });
  });

  it('is documented in README.md with its exact example', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    expect(readme).toContain(format.example.trimEnd());
    for (const column of new Set(Object.values(format.columns))) {
      expect(readme).toContain(`\`${column}\``);
    }
  });
});
