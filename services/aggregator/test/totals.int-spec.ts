import { aRefundEvent, DeadLetter, DonationEventV1, TOPICS } from '@donations/contracts';
import { TopicCollector, waitFor } from '@donations/testing';
import { AggregatorFixture, refundOf } from './aggregator.fixture';
import { totalsOf } from './aggregator-state.reader';
import { groundTruth } from './totals.ground-truth';

describe('aggregator totals on the real Kafka and PostgreSQL', () => {
  let fixture: AggregatorFixture;
  let dlq: TopicCollector<DeadLetter>;
  const counted: DonationEventV1[] = [];
  const anEvent = (index: number) => fixture.anEvent(index);
  const publish = (events: readonly DonationEventV1[]) => fixture.publish(events);
  const waitUntilConsumed = () => fixture.waitUntilConsumed();
  const startApp = () => fixture.startApp();

  beforeAll(async () => {
    fixture = await AggregatorFixture.create();
    dlq = await TopicCollector.start<DeadLetter>(fixture.kafka, TOPICS.dlq, fixture.prefix);
  });

  afterAll(async () => {
    await fixture?.stopApp();
    await dlq?.stop();
    await fixture?.close();
  });

  async function expectTotalsToMatchGroundTruth(): Promise<void> {
    expect(await totalsOf(fixture.client, 'campaign_totals')).toEqual(
      groundTruth(counted, (event) => event.campaignId),
    );
    expect(await totalsOf(fixture.client, 'charity_totals')).toEqual(
      groundTruth(counted, (event) => event.charityId),
    );
  }

  it('counts every distinct event once, with duplicates and refunds before their donation', async () => {
    await startApp();
    const donations = Array.from({ length: 30 }, (_, index) => anEvent(index));
    const early = aRefundEvent({ ...refundOf(donations[3]), amountMinor: 50 });
    const tooLarge = aRefundEvent({ ...refundOf(donations[4]), amountMinor: 10_000 });
    await publish([early, tooLarge, donations[0], donations[0]]);
    await waitUntilConsumed();

    await publish([...donations, donations[1], donations[0]]);
    await waitUntilConsumed();

    counted.push(...donations, early);
    await expectTotalsToMatchGroundTruth();
    await waitFor(() => dlq.values().find((letter) => letter.originalKey === tooLarge.campaignId), {
      description: 'the refund that exceeds its donation in donations.dlq',
    });
    const reasons = dlq.values().map((letter) => letter.reason);
    expect(reasons).toEqual(['AGGREGATE.REFUND_EXCEEDS_DONATION']);
  });

  it('dead-letters a schema-invalid message with its reason and moves the partition on', async () => {
    const invalid = { ...anEvent(31), amountMinor: -5 };
    const after = anEvent(31 + fixture.campaigns.length);
    await publish([invalid, after]);
    await waitUntilConsumed();

    counted.push(after);
    await expectTotalsToMatchGroundTruth();
    const letter = await waitFor(() =>
      dlq.values().find((dead) => dead.reason === 'MESSAGE.SCHEMA_INVALID'),
    );
    expect(letter.originalKey).toBe(invalid.campaignId);
    expect(JSON.parse(Buffer.from(letter.originalValueBase64, 'base64').toString())).toEqual(
      invalid,
    );
  });

  it('counts nothing twice after a restart', async () => {
    await fixture.stopApp();
    const again = counted.slice(0, 10);
    const fresh = Array.from({ length: 12 }, (_, index) => anEvent(40 + index));
    await publish([...again, ...fresh, ...again]);
    await startApp();
    await waitUntilConsumed();

    counted.push(...fresh);
    await expectTotalsToMatchGroundTruth();
    const { rows } = await fixture.client.query<{ count: string }>(
      'SELECT count(*) FROM donation_ledger',
    );
    expect(Number(rows[0].count)).toBe(new Set(counted.map((e) => e.eventId)).size + 1);
  });
});
