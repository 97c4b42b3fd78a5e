import type { Producer } from 'kafkajs';
import {
  aDonationEvent,
  DeadLetter,
  DonationEventV1,
  isCurrency,
  TOPICS,
  topicName,
} from '@donations/contracts';
import { TopicCollector, uniqueSuffix, waitFor } from '@donations/testing';
import { AggregatorFixture, CHARITY_A, CHARITY_B } from './aggregator.fixture';
import { type TotalsTable, totalsOf } from './aggregator-state.reader';
import { groundTruth } from './totals.ground-truth';

const SAFE_LIMIT = BigInt(Number.MAX_SAFE_INTEGER);
const BIGINT_LIMIT = 2n ** 63n - 1n;

interface Counters {
  raised_minor: string;
  donation_count: string;
}

/**
 * Poison messages on the real Kafka and PostgreSQL: each lands on donations.dlq with its reason,
 * the rest of the batch is counted once, and the partition moves on.
 */
describe('aggregator poison messages', () => {
  let fixture: AggregatorFixture;
  let dlq: TopicCollector<DeadLetter>;
  let raw: Producer;
  /** A campaign whose total sits just below the topics' safe integer limit. */
  const nearSafeLimit = `campaign-S-${uniqueSuffix()}`;
  /** A campaign whose total sits just below PostgreSQL's bigint limit (already unpublishable). */
  const nearBigintLimit = `campaign-B-${uniqueSuffix()}`;
  const seeded = { [nearSafeLimit]: SAFE_LIMIT - 1000n, [nearBigintLimit]: BIGINT_LIMIT - 1000n };

  beforeAll(async () => {
    fixture = await AggregatorFixture.create();
    dlq = await TopicCollector.start<DeadLetter>(fixture.kafka, TOPICS.dlq, fixture.prefix);
    raw = fixture.kafka.producer();
    await raw.connect();
    await seedCampaign(nearSafeLimit, CHARITY_A);
    await seedCampaign(nearBigintLimit, CHARITY_B);
  });

  afterAll(async () => {
    await raw?.disconnect();
    await dlq?.stop();
    await fixture?.close();
  });

  async function seedCampaign(campaignId: string, charityId: string): Promise<void> {
    await fixture.client.query(
      `INSERT INTO campaign_totals (campaign_id, currency, charity_id, raised_minor, donation_count)
       VALUES ($1, 'CNY', $2, $3, 1)`,
      [campaignId, charityId, seeded[campaignId].toString()],
    );
  }

  const donationTo = (campaignId: string, charityId: string, amountMinor: number) =>
    aDonationEvent({ campaignId, charityId, currency: 'CNY', amountMinor });

  async function produceRaw(messages: { key: string; value: string }[]): Promise<void> {
    const topic = topicName(TOPICS.donationsNormalized, fixture.prefix);
    await raw.send({ topic, messages });
  }

  async function counters(campaignId: string): Promise<Counters> {
    const { rows } = await fixture.client.query<Counters>(
      'SELECT raised_minor, donation_count FROM campaign_totals WHERE campaign_id = $1',
      [campaignId],
    );
    return rows[0];
  }

  /** The rows of a table, leaving out the two seeded campaigns (checked on their own). */
  async function unseededTotals(table: TotalsTable) {
    const seededKeys = new Set([nearSafeLimit, nearBigintLimit]);
    const rows = await totalsOf(fixture.client, table);
    return new Map([...rows].filter(([key]) => !seededKeys.has(key.split('|')[0])));
  }

  const lettersFor = (reason: string) => dlq.values().filter((letter) => letter.reason === reason);
  const eventOf = (letter: DeadLetter) =>
    JSON.parse(Buffer.from(letter.originalValueBase64, 'base64').toString()) as DonationEventV1;

  it('dead-letters each poison message with its reason and counts the rest of the batch once', async () => {
    const good = Array.from({ length: 12 }, (_, index) => fixture.anEvent(index));
    const fits = donationTo(nearSafeLimit, CHARITY_A, 600);
    const overflows = donationTo(nearSafeLimit, CHARITY_A, 2000);
    const stillFits = donationTo(nearSafeLimit, CHARITY_A, 300);
    const overflowsBigint = donationTo(nearBigintLimit, CHARITY_B, 2000);
    const unknownCurrency = { ...fixture.anEvent(12), currency: 'XXY' };
    expect(isCurrency(unknownCurrency.currency)).toBe(false);
    await fixture.publish([...good.slice(0, 6), fits, overflows, stillFits, overflowsBigint]);
    await produceRaw([
      { key: fixture.campaigns[0], value: '{"type":"donation.completed","amountMinor":' },
      { key: fixture.campaigns[1], value: JSON.stringify({ type: 'donation.completed' }) },
      { key: unknownCurrency.campaignId, value: JSON.stringify(unknownCurrency) },
    ]);
    await fixture.publish([...good.slice(6), good[0]]);
    await fixture.startApp();
    await fixture.waitUntilConsumed();

    expect(await unseededTotals('campaign_totals')).toEqual(
      groundTruth(good, (event) => event.campaignId),
    );
    expect(await unseededTotals('charity_totals')).toEqual(
      groundTruth([...good, fits, stillFits], (event) => event.charityId),
    );
    expect(await counters(nearSafeLimit)).toEqual({
      raised_minor: (seeded[nearSafeLimit] + 900n).toString(),
      donation_count: '3',
    });
    expect(await counters(nearBigintLimit)).toEqual({
      raised_minor: seeded[nearBigintLimit].toString(),
      donation_count: '1',
    });

    await waitFor(() => dlq.values().length >= 5, { description: 'five dead letters' });
    expect(
      lettersFor('AGGREGATE.OVERFLOW')
        .map((letter) => eventOf(letter).eventId)
        .sort(),
    ).toEqual([overflows.eventId, overflowsBigint.eventId].sort());
    expect(lettersFor('MESSAGE.INVALID_JSON').map((letter) => letter.originalKey)).toEqual([
      fixture.campaigns[0],
    ]);
    const schemaInvalid = lettersFor('MESSAGE.SCHEMA_INVALID');
    expect(schemaInvalid.map((letter) => letter.originalKey).sort()).toEqual(
      [fixture.campaigns[1], unknownCurrency.campaignId].sort(),
    );
    const currencyLetter = schemaInvalid.find(
      (letter) => letter.originalKey === unknownCurrency.campaignId,
    );
    expect(currencyLetter?.message).toContain('currency');
    expect(dlq.values()).toHaveLength(5);
  });

  it('records an overflowing event in the ledger as not counted, so a redelivery is a duplicate', async () => {
    const [letter] = lettersFor('AGGREGATE.OVERFLOW').filter(
      (dead) => eventOf(dead).campaignId === nearSafeLimit,
    );
    const overflowing = eventOf(letter);
    const { rows } = await fixture.client.query<{ counted: boolean; rejection: string }>(
      'SELECT counted, rejection FROM donation_ledger WHERE event_id = $1',
      [overflowing.eventId],
    );
    expect(rows).toEqual([{ counted: false, rejection: 'AGGREGATE.OVERFLOW' }]);

    const before = await counters(nearSafeLimit);
    const next = donationTo(nearSafeLimit, CHARITY_A, 50);
    await fixture.publish([overflowing, next]);
    await fixture.waitUntilConsumed();

    expect(await counters(nearSafeLimit)).toEqual({
      raised_minor: (BigInt(before.raised_minor) + 50n).toString(),
      donation_count: String(Number(before.donation_count) + 1),
    });
    expect(lettersFor('AGGREGATE.OVERFLOW')).toHaveLength(2);
  });
});
