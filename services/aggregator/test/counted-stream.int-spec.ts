import { aRefundEvent, DonationCountedV1, DonationEventV1, TOPICS } from '@donations/contracts';
import { createDataSource } from '@donations/database';
import { AnyTopicBatch, TypedProducer } from '@donations/kafka';
import { uniqueSuffix, waitFor } from '@donations/testing';
import { OutboxRelay } from '../src/outbox/outbox.relay';
import { readFromBeginning } from './aggregate-log';
import { AggregatorFixture, refundOf } from './aggregator.fixture';
import { totalsOf } from './aggregator-state.reader';
import { countedEvents, fenced, firstOccurrences, sourceOf } from './counted-log';
import { groundTruth } from './totals.ground-truth';

const RELAY_OPTIONS = { batchSize: 500, intervalMs: 50, maxBackoffMs: 500 };

describe('donations.counted.v1 from the aggregator (real Kafka and PostgreSQL)', () => {
  let fixture: AggregatorFixture;
  const anEvent = (index: number) => fixture.anEvent(index);
  const publish = (events: readonly DonationEventV1[]) => fixture.publish(events);

  beforeAll(async () => {
    fixture = await AggregatorFixture.create();
  });

  afterAll(async () => {
    await fixture?.close();
  });

  async function countedOutboxRows(): Promise<number> {
    const { rows } = await fixture.client.query<{ count: string }>(
      'SELECT count(*) FROM counted_outbox',
    );
    return Number(rows[0].count);
  }

  const readCounted = () =>
    readFromBeginning<DonationCountedV1>(fixture.kafka, TOPICS.donationsCounted, fixture.prefix);
  const readNormalized = () =>
    readFromBeginning<DonationEventV1>(fixture.kafka, TOPICS.donationsNormalized, fixture.prefix);

  /** Every event of the topic consumed and every counted message relayed. */
  async function waitUntilRelayed(): Promise<void> {
    await fixture.waitUntilConsumed();
    await waitFor(async () => (await countedOutboxRows()) === 0, {
      description: 'an empty counted outbox',
    });
  }

  async function expectTotalsToBeTheFoldOf(events: readonly DonationEventV1[]): Promise<void> {
    expect(await totalsOf(fixture.client, 'campaign_totals')).toEqual(
      groundTruth(events, (event) => event.campaignId),
    );
    expect(await totalsOf(fixture.client, 'charity_totals')).toEqual(
      groundTruth(events, (event) => event.charityId),
    );
  }

  it('carries one decision per new event, on its source partition in source offset order, and folds into the totals', async () => {
    await fixture.startApp();
    const donations = Array.from({ length: 24 }, (_, index) => anEvent(index));
    const early = aRefundEvent({ ...refundOf(donations[3]), amountMinor: 50 });
    const pendingTooLarge = aRefundEvent({ ...refundOf(donations[4]), amountMinor: 100_000 });
    // Batches of their own, so that the donations arrive after their refunds were counted.
    await publish([early, pendingTooLarge, donations[0], donations[0]]);
    await fixture.waitUntilConsumed();
    await publish([...donations, donations[1], donations[0], early]);
    await fixture.waitUntilConsumed();
    const rejected = aRefundEvent({ ...refundOf(donations[5]), amountMinor: 100_000 });
    const fits = aRefundEvent({ ...refundOf(donations[6]), amountMinor: 10 });
    await publish([rejected, fits, rejected, donations[7]]);
    await waitUntilRelayed();

    const log = fenced(await readCounted());
    expect({ misplaced: log.misplaced, dropped: log.dropped }).toEqual({
      misplaced: [],
      dropped: [],
    });
    expect(log.applied.map(sourceOf).sort()).toEqual(firstOccurrences(await readNormalized()));
    const byEvent = new Map(log.applied.map(({ value }) => [value.event.eventId, value]));
    expect(byEvent.size).toBe(log.applied.length);
    expect(byEvent.get(rejected.eventId)).toMatchObject({
      decision: 'not-counted',
      reason: 'AGGREGATE.REFUND_EXCEEDS_DONATION',
      takenBack: [],
    });
    expect(byEvent.get(pendingTooLarge.eventId)?.decision).toBe('counted');
    expect(byEvent.get(donations[4].eventId)).toMatchObject({
      decision: 'counted',
      takenBack: [pendingTooLarge],
    });
    const notCounted = log.applied.filter(({ value }) => value.decision === 'not-counted');
    expect(notCounted.map(({ value }) => value.event.eventId)).toEqual([rejected.eventId]);
    for (const message of log.applied) expect(message.key).toBe(message.value.event.campaignId);

    await expectTotalsToBeTheFoldOf(countedEvents(log.applied));
    expect(
      countedEvents(log.applied)
        .map((event) => event.eventId)
        .sort(),
    ).toEqual([...donations, early, fits].map((event) => event.eventId).sort());
  });

  it('republishes with the same source offsets after a relay dies between publish and delete, and a fence drops them', async () => {
    // The app's relay stops: the batches below stay in the counted outbox.
    await fixture.app!.get(OutboxRelay).beforeApplicationShutdown();
    const before = (await readCounted()).length;
    const events = Array.from({ length: 30 }, (_, index) => anEvent(100 + index));
    await publish([...events, events[2]]);
    await fixture.waitUntilConsumed();
    await fixture.stopApp();
    expect(await countedOutboxRows()).toBeGreaterThan(0);

    const applicationName = `counted-relay-${uniqueSuffix()}`;
    const dataSource = await createDataSource({
      url: fixture.schema.url,
      schema: fixture.schema.schema,
      applicationName,
    }).initialize();
    const producer = TypedProducer.create(fixture.kafka, fixture.prefix);
    try {
      // The relay's PostgreSQL session ends once Kafka has acknowledged: its delete never runs.
      const dies = {
        sendBatch: async (batches: AnyTopicBatch[]) => {
          const sent = await producer.sendBatch(batches);
          if (batches[0]?.topic !== TOPICS.donationsCounted) return sent;
          await fixture.client.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`,
            [applicationName],
          );
          return sent;
        },
      } as unknown as TypedProducer;
      // A round relays nothing while another relay of the database holds the lock: try again.
      const dying = new OutboxRelay(dataSource, dies, RELAY_OPTIONS);
      const outcome = await waitFor(
        () =>
          dying.relayOnce().then(
            (relayed) => (relayed > 0 ? 'relayed and deleted' : undefined),
            () => 'died',
          ),
        { description: 'a round of the dying relay' },
      );
      expect(outcome).toBe('died');
      expect(await countedOutboxRows()).toBeGreaterThan(0);
      await waitFor(async () => (await readCounted()).length > before, {
        description: 'the first publication on donations.counted.v1',
      });

      await waitFor(
        async () => {
          await new OutboxRelay(dataSource, producer, RELAY_OPTIONS).relayOnce();
          return (await countedOutboxRows()) === 0;
        },
        { description: 'the counted outbox relayed again' },
      );
    } finally {
      await producer.disconnect();
      await dataSource.destroy();
    }

    const messages = await readCounted();
    const log = fenced(messages);
    expect(log.dropped.length).toBe(events.length);
    const appliedBySource = new Map(log.applied.map((m) => [sourceOf(m), m.value]));
    for (const dropped of log.dropped)
      expect(dropped.value).toEqual(appliedBySource.get(sourceOf(dropped)));
    expect(log.applied.map(sourceOf).sort()).toEqual(firstOccurrences(await readNormalized()));
    await expectTotalsToBeTheFoldOf(countedEvents(log.applied));
  });
});
