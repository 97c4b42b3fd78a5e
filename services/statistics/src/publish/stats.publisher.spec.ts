import { aDonationEvent, makeUscc, StatsOverviewV1, StatsTimeseriesV1 } from '@donations/contracts';
import { BatchingProducer } from '@donations/kafka';
import type { AnyTopicBatch, TypedProducer } from '@donations/kafka';
import type { PendingChanges } from './stats-changes';
import { StatsChanges } from './stats-changes';
import type { PublicationState } from './publish.repository';
import { StatsPublisher } from './stats.publisher';

const charityId = makeUscc('53100000500021676');
const donation = aDonationEvent({
  platform: 'jd',
  campaignId: 'campaign-1',
  charityId,
  occurredAt: '2024-09-09T02:03:04.000Z',
});
const hashes = {
  totals: { 'CNY:raised': '500', 'CNY:donations': '1' },
  amounts: { 'CNY:6': '1' },
  ageBands: { unknown: '1' },
  uniqueDonors: 1,
  platformCounts: { jd: 1 },
};

/** Redis as the repository would read it: every pending scope with the same state. */
const repository = {
  reads: [] as PendingChanges[],
  /** What SCAN would find in Redis, for the republication after a rebuild. */
  stored: { overviews: [], minutes: [] } as PendingChanges,
  everything(): Promise<PendingChanges> {
    return Promise.resolve(this.stored);
  },
  read(pending: PendingChanges, nowMs: number): Promise<PublicationState> {
    this.reads.push(pending);
    return Promise.resolve({
      overviews: pending.overviews.map((scope) => ({ scope, hashes, version: nowMs })),
      minutes: pending.minutes.map(({ scope, minute }, i) => ({
        scope,
        minute,
        version: nowMs + i,
        perCurrency: {
          CNY: { raisedMinor: 500, donationCount: 1, refundedMinor: 0, refundCount: 0 },
        },
      })),
    });
  },
};

function setUp(send: (batches: AnyTopicBatch[]) => Promise<void>, live = { now: true }) {
  const changes = new StatsChanges();
  let now = Date.parse('2024-09-09T02:10:00.000Z');
  const clock = () => new Date((now += 2_000));
  repository.reads = [];
  repository.stored = { overviews: [], minutes: [] };
  const isLive = () => Promise.resolve(live.now);
  return { changes, publisher: new StatsPublisher(changes, repository, { send }, isLive, clock) };
}

describe('stats publisher', () => {
  it('sends the changed overviews and minutes keyed by scope, each once per round', async () => {
    const sent: AnyTopicBatch[] = [];
    const { changes, publisher } = setUp((batches) => {
      sent.push(...batches);
      return Promise.resolve();
    });
    changes.record([donation, donation]);
    await publisher.publishRound();
    const [overviews, minutes] = sent;
    expect(overviews.topic).toBe('stats.overview.v1');
    expect(overviews.messages.map((m) => m.key).sort()).toEqual(
      ['campaign:campaign-1', `charity:${charityId}`, 'global', 'platform:jd'].sort(),
    );
    expect((overviews.messages[0].value as StatsOverviewV1).totals.CNY?.netMinor).toBe(500);
    expect(minutes.topic).toBe('stats.timeseries.v1');
    expect(minutes.messages.map((m) => [m.key, (m.value as StatsTimeseriesV1).minute])).toEqual([
      ['global', '2024-09-09T02:03:00.000Z'],
    ]);
    await publisher.publishRound();
    expect(sent).toHaveLength(2);
  });

  it('keeps the changes of a round Kafka did not acknowledge for the next round', async () => {
    const { changes, publisher } = setUp(() => Promise.reject(new Error('no broker')));
    changes.record([donation]);
    await publisher.publishRound();
    expect(changes.size).toBe(5);
  });

  it('publishes what is left on shutdown, and nothing more afterwards', async () => {
    const sent: AnyTopicBatch[] = [];
    const { changes, publisher } = setUp((batches) => {
      sent.push(...batches);
      return Promise.resolve();
    });
    publisher.onApplicationBootstrap();
    changes.record([donation]);
    await publisher.onApplicationShutdown();
    expect(sent.map((batch) => batch.messages.length)).toEqual([4, 1]);
    expect(changes.size).toBe(0);
  });

  it('publishes nothing while rebuilding, then every stored scope and minute once live', async () => {
    const sent: AnyTopicBatch[] = [];
    const live = { now: false };
    const { changes, publisher } = setUp((batches) => {
      sent.push(...batches);
      return Promise.resolve();
    }, live);
    changes.record([donation]);
    await publisher.publishRound();
    expect(sent).toEqual([]);

    repository.stored = {
      overviews: ['global', 'platform:alipay'],
      minutes: [{ scope: 'global', minute: '2024-09-09T01:00:00.000Z' }],
    };
    live.now = true;
    await publisher.publishRound();
    const keys = (topic: string) =>
      sent
        .filter((batch) => batch.topic === topic)
        .flatMap((batch) => batch.messages.map((m) => m.key))
        .sort();
    expect(keys('stats.overview.v1')).toEqual(
      [
        'campaign:campaign-1',
        `charity:${charityId}`,
        'global',
        'platform:alipay',
        'platform:jd',
      ].sort(),
    );
    expect(keys('stats.timeseries.v1')).toEqual(['global', 'global']);

    sent.length = 0;
    await publisher.publishRound();
    expect(sent).toEqual([]);
  });

  it('drops a round that waited too long behind a hung request: it is put back, never sent late', async () => {
    const requests: AnyTopicBatch[][] = [];
    const hung: (() => void)[] = [];
    const kafka = {
      sendBatch: (take: () => AnyTopicBatch[]) => {
        requests.push(take());
        return new Promise((resolve) => hung.push(() => resolve([])));
      },
    } as unknown as TypedProducer;
    const producer = new BatchingProducer(kafka, { ackTimeoutMs: 20 });
    const { changes } = setUp(() => Promise.resolve());
    const publisher = new StatsPublisher(changes, repository, producer, () =>
      Promise.resolve(true),
    );
    // Another caller's request is on the wire and Kafka does not answer.
    const ahead = producer.send([
      {
        topic: 'donations.normalized.v1',
        messages: [{ key: donation.campaignId, value: donation }],
      },
    ]);
    await new Promise((resolve) => setImmediate(resolve));
    changes.record([donation]);
    await publisher.publishRound();
    expect(changes.size).toBe(5);
    hung.shift()?.();
    await ahead;
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(requests.map((request) => request.map((batch) => batch.topic))).toEqual([
      ['donations.normalized.v1'],
    ]);
    expect(producer.waiting).toEqual({ count: 0, bytes: 0 });
  });
});
