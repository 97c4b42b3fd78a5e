import type { Producer } from 'kafkajs';
import {
  aDonationEvent,
  aRefundEvent,
  DeadLetter,
  DonationEventV1,
  TOPICS,
  topicName,
} from '@donations/contracts';
import { TopicCollector, uniqueSuffix, waitFor } from '@donations/testing';
import { AggregatorFixture, CHARITY_A, refundOf } from './aggregator.fixture';
import { totalsOf } from './aggregator-state.reader';
import { groundTruth } from './totals.ground-truth';

/** Every message of this spec goes to one partition: the bad ones sit between good ones. */
const PARTITION = 0;

/**
 * Values PostgreSQL refuses, written straight to donations.normalized.v1 (raw JSON: no producer
 * checks them): a NUL in text, a year 0000, and values the schema accepts but the database
 * refuses (a CHECK constraint of the test's schema stands in for any such rule). The partition
 * keeps moving, the other campaigns on it count exactly, each bad event is on donations.dlq once.
 * Bound: each test's wait is 30 s; on a stalled partition it times out.
 */
describe('aggregator and values PostgreSQL refuses', () => {
  let fixture: AggregatorFixture;
  let dlq: TopicCollector<DeadLetter>;
  let raw: Producer;
  const [good1, good2] = ['G1', 'G2'].map((name) => `campaign-${name}-${uniqueSuffix()}`);
  const counted: DonationEventV1[] = [];

  beforeAll(async () => {
    fixture = await AggregatorFixture.create();
    dlq = await TopicCollector.start<DeadLetter>(fixture.kafka, TOPICS.dlq, fixture.prefix);
    raw = fixture.kafka.producer();
    await raw.connect();
    await fixture.startApp();
  });

  afterAll(async () => {
    await raw?.disconnect();
    await dlq?.stop();
    await fixture?.close();
  });

  /** Sends events as raw JSON to one partition, in this order. */
  async function produceRaw(events: readonly object[]): Promise<void> {
    await raw.send({
      topic: topicName(TOPICS.donationsNormalized, fixture.prefix),
      messages: events.map((event) => ({
        key: (event as { campaignId: string }).campaignId,
        value: JSON.stringify(event),
        partition: PARTITION,
      })),
    });
  }

  /** Good donations to the two good campaigns, remembered as counted. */
  function goodDonations(count: number): DonationEventV1[] {
    const events = Array.from({ length: count }, (_, index) =>
      aDonationEvent({
        campaignId: index % 2 === 0 ? good1 : good2,
        charityId: CHARITY_A,
        amountMinor: 100 + counted.length + index,
      }),
    );
    counted.push(...events);
    return events;
  }

  async function expectGoodCampaignsExact(): Promise<void> {
    const stored = await totalsOf(fixture.client, 'campaign_totals');
    const ours = new Map([...stored].filter(([key]) => [good1, good2].includes(key.split('|')[0])));
    expect(ours).toEqual(groundTruth(counted, (event) => event.campaignId));
  }

  const lettersOf = (eventIds: readonly string[]) =>
    dlq.values().filter((letter) => {
      const event = JSON.parse(Buffer.from(letter.originalValueBase64, 'base64').toString()) as {
        eventId?: string;
      };
      return eventIds.includes(event.eventId ?? '');
    });

  it('dead-letters a NUL in text and a year 0000 and counts the other campaigns on the partition exactly', async () => {
    const bad = `campaign-bad-${uniqueSuffix()}`;
    const withNul = aDonationEvent({
      campaignId: bad,
      platformTxnId: `txn-\u0000-${uniqueSuffix()}`,
    });
    const yearZero = aDonationEvent({ campaignId: bad, occurredAt: '0000-01-01T00:00:00Z' });
    await produceRaw([...goodDonations(6), withNul, ...goodDonations(3), yearZero]);
    await produceRaw(goodDonations(5));

    await fixture.waitUntilConsumed();
    await expectGoodCampaignsExact();
    const { rows } = await fixture.client.query(
      'SELECT 1 FROM campaign_totals WHERE campaign_id = $1',
      [bad],
    );
    expect(rows).toEqual([]);
    const letters = await waitFor(
      () => {
        const found = lettersOf([withNul.eventId, yearZero.eventId]);
        return found.length >= 2 ? found : undefined;
      },
      { description: 'the dead letters of the two bad events' },
    );
    expect(letters.map(({ reason, originalPartition }) => [reason, originalPartition])).toEqual([
      ['MESSAGE.SCHEMA_INVALID', PARTITION],
      ['MESSAGE.SCHEMA_INVALID', PARTITION],
    ]);
    expect(letters[0].message).toMatch(/^platformTxnId: .*NUL/);
    expect(letters[1].message).toMatch(/^occurredAt: /);
  });

  it('dead-letters an event the schema accepts but PostgreSQL refuses, once, and moves on', async () => {
    // Stands in for any value the contract lets through and the database refuses (class 23).
    await fixture.client.query(
      `ALTER TABLE donation_ledger ADD CONSTRAINT refuses_test_values
       CHECK (position('refused' in platform_txn_id || coalesce(refund_id, '')) = 0)`,
    );
    const refusedDonation = aDonationEvent({
      campaignId: good1,
      charityId: CHARITY_A,
      platformTxnId: `refused-${uniqueSuffix()}`,
    });
    const [donation] = goodDonations(1);
    const refusedRefund = aRefundEvent({
      ...refundOf(donation),
      refundId: `refused-${uniqueSuffix()}`,
      amountMinor: 10,
    });
    await produceRaw([
      ...goodDonations(4),
      refusedDonation,
      donation,
      ...goodDonations(2),
      refusedRefund,
      ...goodDonations(3),
    ]);
    await produceRaw(goodDonations(2));

    await fixture.waitUntilConsumed();
    await expectGoodCampaignsExact();
    const ids = [refusedDonation.eventId, refusedRefund.eventId];
    const letters = await waitFor(
      () => {
        const found = lettersOf(ids);
        return found.length >= 2 ? found : undefined;
      },
      { description: 'the dead letters of the two refused events' },
    );
    expect(letters.map(({ reason, originalPartition }) => [reason, originalPartition])).toEqual([
      ['AGGREGATE.VALUE_REFUSED', PARTITION],
      ['AGGREGATE.VALUE_REFUSED', PARTITION],
    ]);
    expect(letters.every(({ message }) => message.includes('SQLSTATE 23514'))).toBe(true);
    const { rows } = await fixture.client.query(
      'SELECT 1 FROM donation_ledger WHERE event_id = ANY($1::uuid[])',
      [ids],
    );
    expect(rows).toEqual([]);
    // A later batch of the partition fences the check that no letter went out twice.
    await produceRaw(goodDonations(1));
    await fixture.waitUntilConsumed();
    expect(lettersOf(ids)).toHaveLength(2);
  });
});
