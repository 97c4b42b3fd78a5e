import {
  aRefundEvent,
  CampaignTotalsV1,
  CharityRollupV1,
  DonationEventV1,
  TOPICS,
} from '@donations/contracts';
import { CollectedMessage, waitFor } from '@donations/testing';
import {
  Aggregate,
  CountersByKey,
  countersOf as countersOfLog,
  postgresCounters,
  readFromBeginning,
} from './aggregate-log';
import { AggregatorFixture, refundOf } from './aggregator.fixture';
import { groundTruth } from './totals.ground-truth';

describe('aggregate topics from the transactional outbox', () => {
  let fixture: AggregatorFixture;
  const counted: DonationEventV1[] = [];
  const anEvent = (index: number) => fixture.anEvent(index);
  const publish = (events: readonly DonationEventV1[]) => fixture.publish(events);
  const startApp = () => fixture.startApp();

  beforeAll(async () => {
    fixture = await AggregatorFixture.create();
  });

  afterAll(async () => {
    await fixture?.close();
  });

  /** Waits until every partition is consumed and the relay has emptied the outbox. */
  async function waitUntilPublished(): Promise<void> {
    await fixture.waitUntilConsumed();
    await waitFor(
      async () => {
        const { rows } = await fixture.client.query<{ count: string }>(
          'SELECT count(*) FROM aggregate_outbox',
        );
        return rows[0].count === '0';
      },
      { description: 'an empty aggregate outbox' },
    );
  }

  /** The highest version per key, checking that versions strictly grow per key in the log. */
  function latestPerKey<T extends Aggregate>(messages: readonly CollectedMessage<T>[]) {
    const latest = new Map<string, T>();
    for (const { key, value } of messages) {
      const before = latest.get(key ?? '');
      expect(value.version).toBeGreaterThan(before?.version ?? 0);
      latest.set(key ?? '', value);
    }
    return latest;
  }

  async function expectTopicsToEqualPostgres(): Promise<void> {
    await waitUntilPublished();
    const campaignLog = await readFromBeginning<CampaignTotalsV1>(
      fixture.kafka,
      TOPICS.campaignTotals,
      fixture.prefix,
    );
    const charityLog = await readFromBeginning<CharityRollupV1>(
      fixture.kafka,
      TOPICS.charityRollups,
      fixture.prefix,
    );
    const campaignTopic = latestPerKey(campaignLog);
    const charityTopic = latestPerKey(charityLog);

    const campaignState = await postgresCounters(fixture.client, 'campaign_totals');
    const charityState = await postgresCounters(fixture.client, 'charity_totals');
    expect(countersOf(campaignTopic)).toEqual(campaignState);
    expect(countersOf(charityTopic)).toEqual(charityState);
    expect(countersOf(campaignTopic)).toEqual(
      withoutTimes(groundTruth(counted, (e) => e.campaignId)),
    );
    expect(countersOf(charityTopic)).toEqual(
      withoutTimes(groundTruth(counted, (e) => e.charityId)),
    );

    await expectVersionsAndTimes(campaignTopic, charityTopic);
  }

  async function expectVersionsAndTimes(
    campaignTopic: Map<string, CampaignTotalsV1>,
    charityTopic: Map<string, CharityRollupV1>,
  ): Promise<void> {
    const { rows } = await fixture.client.query<{
      topic: string;
      message_key: string;
      version: string;
    }>('SELECT topic, message_key, version FROM aggregate_versions');
    const versionOf = (topic: string, key: string) =>
      Number(rows.find((row) => row.topic === topic && row.message_key === key)?.version);
    for (const [key, message] of campaignTopic) {
      expect(message.version).toBe(versionOf(TOPICS.campaignTotals, key));
      const events = counted.filter((event) => event.campaignId === key);
      expect(message.firstEventAt).toBe(earliest(events));
      expect(message.lastEventAt).toBe(latest(events));
    }
    for (const [key, message] of charityTopic) {
      expect(message.version).toBe(versionOf(TOPICS.charityRollups, key));
      const events = counted.filter((event) => event.charityId === key);
      expect(message.campaignCount).toBe(new Set(events.map((e) => e.campaignId)).size);
    }
  }

  it('publishes the state of every touched campaign and charity, duplicates and refunds included', async () => {
    await startApp();
    const donations = Array.from({ length: 30 }, (_, index) => anEvent(index));
    const early = aRefundEvent({ ...refundOf(donations[3]), amountMinor: 50 });
    const tooLarge = aRefundEvent({ ...refundOf(donations[4]), amountMinor: 10_000 });
    await publish([early, tooLarge, donations[0], donations[0]]);
    await waitUntilPublished();
    await publish([...donations, donations[1], donations[0]]);
    const refund = aRefundEvent({ ...refundOf(donations[6]), amountMinor: 20 });
    await publish([refund, donations[2]]);

    counted.push(...donations, early, refund);
    await expectTopicsToEqualPostgres();
  });

  it('continues the versions after a restart, so that the log still ends with the state', async () => {
    await fixture.stopApp();
    const fresh = Array.from({ length: 12 }, (_, index) => anEvent(40 + index));
    await publish([...counted.slice(0, 5), ...fresh]);
    await startApp();

    counted.push(...fresh);
    await expectTopicsToEqualPostgres();
  });
});

/** The topic's counters (aggregate-log), each currency's net checked on the way. */
function countersOf(messages: ReadonlyMap<string, Aggregate>): CountersByKey {
  for (const message of messages.values()) {
    for (const sums of Object.values(message.totals)) {
      expect(sums.netMinor).toBe(sums.raisedMinor - sums.refundedMinor);
    }
  }
  return countersOfLog(messages);
}

function withoutTimes(rows: ReturnType<typeof groundTruth>): CountersByKey {
  return new Map(
    [...rows].map(([key, { first_event_at: _first, last_event_at: _last, ...row }]) => [key, row]),
  );
}

const times = (events: readonly DonationEventV1[]) =>
  events.map((event) => Date.parse(event.occurredAt)).sort((a, b) => a - b);
const earliest = (events: readonly DonationEventV1[]) => new Date(times(events)[0]).toISOString();
const latest = (events: readonly DonationEventV1[]) =>
  new Date(times(events).at(-1) ?? 0).toISOString();
