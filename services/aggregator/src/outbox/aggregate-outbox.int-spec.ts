import type { DataSource } from 'typeorm';
import { makeUscc, TOPICS } from '@donations/contracts';
import { createDataSource } from '@donations/database';
import { createTestSchema, TestSchema } from '@donations/testing';
import { toCampaignTotalsMessage, toCharityRollupMessage } from '../totals/topic-message.fold';
import { writeAggregateOutbox } from './aggregate-outbox.sql';
import { stateOfRows, TotalsRow } from './totals-row.state';

const CHARITY_A = makeUscc('53100000500021676');
const CHARITY_B = makeUscc('53440300MJ0000001');
const NOW = new Date('2026-12-06T09:00:00.123Z');

/** Rows as the upserts leave them: several currencies, platforms, missing and extreme times. */
const ROWS: readonly (readonly unknown[])[] = [
  [
    'c-1',
    'CNY',
    300,
    50,
    2,
    1,
    { alipay: money(300, 50, 2, 1) },
    '2024-09-09T10:00:00.123456+08:00',
    '2024-09-09T11:00:00Z',
  ],
  [
    'c-1',
    'USD',
    900,
    0,
    1,
    0,
    { stripe: money(900, 0, 1, 0) },
    '2024-09-09T01:00:00Z',
    '2024-09-10T00:00:00.999999Z',
  ],
  ['c-2', 'JPY', 0, 0, 0, 0, {}, null, null],
  [
    'c-3',
    'CNY',
    2 ** 53 - 1,
    2 ** 53 - 1,
    7,
    7,
    { jd: money(2 ** 53 - 1, 2 ** 53 - 1, 7, 7) },
    '0001-01-01T00:00:00+15:59',
    '9999-12-31T23:59:59.999999-15:59',
  ],
  [
    'c-4',
    'HKD',
    10,
    2,
    1,
    1,
    { tencent: money(6, 2, 1, 1), shuidi: { raisedMinor: '4' } },
    '1969-12-31T23:59:59.9999Z',
    '1970-01-01T00:00:00Z',
  ],
];

function money(raised: number, refunded: number, donations: number, refunds: number) {
  return {
    raisedMinor: String(raised),
    refundedMinor: String(refunded),
    donationCount: String(donations),
    refundCount: String(refunds),
  };
}

const COLUMNS = `currency, raised_minor, refunded_minor, donation_count, refund_count, by_platform,
  first_event_at, last_event_at`;

describe('writeAggregateOutbox: the messages built in PostgreSQL are those of topic-message.fold', () => {
  let schema: TestSchema;
  let dataSource: DataSource;

  beforeAll(async () => {
    schema = await createTestSchema();
    dataSource = await createDataSource({ url: schema.url, schema: schema.schema }).initialize();
    for (const [campaignId, ...row] of ROWS) {
      const charityId = campaignId === 'c-4' ? CHARITY_B : CHARITY_A;
      await dataSource.query(
        `INSERT INTO campaign_totals (campaign_id, charity_id, ${COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [campaignId, charityId, ...row],
      );
      await dataSource.query(
        `INSERT INTO charity_totals (charity_id, ${COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [charityId, ...row],
      );
    }
    await dataSource.query(
      `INSERT INTO charity_campaign_counts (charity_id, campaign_count) VALUES ($1, 3)`,
      [CHARITY_A],
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await schema?.drop();
  });

  /** What the JavaScript fold writes for a key, from its rows as pg reads them. */
  async function expected(topic: string, key: string, version: number): Promise<unknown> {
    const campaign = topic === TOPICS.campaignTotals;
    const rows: TotalsRow[] = await dataSource.query(
      `SELECT $1::text AS key, ${COLUMNS} FROM ${campaign ? 'campaign_totals' : 'charity_totals'}
       WHERE ${campaign ? 'campaign_id' : 'charity_id'} = $1 ORDER BY currency`,
      [key],
    );
    const state = stateOfRows(rows, version, NOW);
    if (campaign) return toCampaignTotalsMessage({ campaignId: key, ...state }, NOW);
    return toCharityRollupMessage({ charityId: key, ...state }, key === CHARITY_A ? 3 : 0, NOW);
  }

  it('writes, per touched key in sorted order, the value the fold writes, with the next version', async () => {
    const touched = {
      campaignIds: ['c-4', 'c-1', 'c-2', 'c-3', 'c-1', 'c-none'],
      charityIds: [CHARITY_B, CHARITY_A],
    };
    for (const version of [1, 2]) {
      await dataSource.transaction((manager) => writeAggregateOutbox(manager, touched, NOW));
      const outbox: { topic: string; message_key: string; value: unknown }[] =
        await dataSource.query(
          'SELECT topic, message_key, value FROM aggregate_outbox ORDER BY id DESC LIMIT 7',
        );
      outbox.reverse();
      expect(outbox.map((row) => row.message_key)).toEqual([
        'c-1',
        'c-2',
        'c-3',
        'c-4',
        'c-none',
        ...[CHARITY_A, CHARITY_B].sort(),
      ]);
      for (const row of outbox) {
        expect(row.value).toEqual(await expected(row.topic, row.message_key, version));
      }
    }
  });
});
