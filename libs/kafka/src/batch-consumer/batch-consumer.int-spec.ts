import { Controller, Inject, INestMicroservice } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Kafka, RecordMetadata } from 'kafkajs';
import {
  aDonationEvent,
  DonationEventV1,
  TOPICS,
  TopicName,
  topicName,
} from '@donations/contracts';
import { createTestTopics, testKafka, uniqueSuffix, waitFor } from '@donations/testing';
import { TypedProducer } from '../typed-producer';
import { BatchConsumerServer } from './batch-consumer.server';
import type { ConsumedBatch, OffsetStore } from './batch-consumer.types';
import { BatchPattern } from './batch-pattern.decorator';
import { parseBatch } from './parse-batch';

type NormalizedBatch = ConsumedBatch<typeof TOPICS.donationsNormalized>;

/** The test's stand-in for the database: offsets kept beside the applied events. */
class InMemoryOffsetStore implements OffsetStore {
  private readonly offsets = new Map<string, string>();

  load(groupId: string, topic: TopicName, partitions: number[]): Promise<Map<number, string>> {
    const stored = partitions.flatMap((partition): [number, string][] => {
      const offset = this.offsets.get(`${groupId}|${topic}|${partition}`);
      return offset === undefined ? [] : [[partition, offset]];
    });
    return Promise.resolve(new Map(stored));
  }

  save(groupId: string, topic: TopicName, partition: number, nextOffset: string): void {
    this.offsets.set(`${groupId}|${topic}|${partition}`, nextOffset);
  }
}

interface AppliedEvent {
  eventId: string;
  partition: number;
  offset: string;
}

/** What one consumer instance was handed and applied. */
class BatchRecorder {
  readonly attempts: NormalizedBatch[] = [];
  readonly applied: AppliedEvent[] = [];
  failuresLeft = 0;

  constructor(
    readonly store: InMemoryOffsetStore,
    readonly groupId: string,
  ) {}

  /** Applies the events and stores the next offset "in one transaction", or fails on demand. */
  apply(batch: NormalizedBatch): void {
    this.attempts.push(batch);
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error('the database is away');
    }
    for (const { message, value } of parseBatch(batch).valid) {
      this.applied.push({
        eventId: value.eventId,
        partition: batch.partition,
        offset: message.offset,
      });
    }
    this.store.save(this.groupId, batch.topic, batch.partition, batch.nextOffset);
  }
}

@Controller()
class RecordingConsumer {
  constructor(@Inject(BatchRecorder) private readonly recorder: BatchRecorder) {}

  @BatchPattern(TOPICS.donationsNormalized)
  apply(batch: NormalizedBatch): Promise<void> {
    this.recorder.apply(batch);
    return Promise.resolve();
  }
}

describe('BatchConsumerServer on the real broker', () => {
  let kafka: Kafka;
  let prefix: string;
  let producer: TypedProducer;
  const apps: INestMicroservice[] = [];

  beforeAll(() => {
    kafka = testKafka();
  });

  // Every scenario reads its topics from the beginning: each gets topics of its own.
  beforeEach(async () => {
    prefix = await createTestTopics(kafka);
    producer = TypedProducer.create(kafka, prefix);
    await producer.connect();
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
    await producer?.disconnect();
  });

  async function startConsumer(recorder: BatchRecorder): Promise<INestMicroservice> {
    const moduleRef = await Test.createTestingModule({
      controllers: [RecordingConsumer],
      providers: [{ provide: BatchRecorder, useValue: recorder }],
    }).compile();
    const app = moduleRef.createNestMicroservice({
      strategy: new BatchConsumerServer({
        kafka,
        groupId: recorder.groupId,
        topicPrefix: prefix,
        offsetStore: recorder.store,
        retry: { initialMs: 20, maxMs: 200 },
        consumer: { heartbeatInterval: 500, sessionTimeout: 10_000 },
      }),
      logger: false,
    });
    apps.push(app);
    await app.listen();
    return app;
  }

  async function publish(events: DonationEventV1[]): Promise<RecordMetadata[]> {
    return producer.send(
      TOPICS.donationsNormalized,
      events.map((event) => ({ key: event.campaignId, value: event })),
    );
  }

  function eventsOf(campaigns: number, perCampaign: number): DonationEventV1[] {
    const ids = Array.from({ length: campaigns }, () => `campaign-${uniqueSuffix()}`);
    return Array.from({ length: perCampaign }, () =>
      ids.map((campaignId) => aDonationEvent({ campaignId })),
    ).flat();
  }

  const idsOf = (applied: AppliedEvent[]): string[] => applied.map(({ eventId }) => eventId).sort();
  const sortedIds = (events: DonationEventV1[]): string[] =>
    events.map(({ eventId }) => eventId).sort();

  it('hands each partition over as batches of consecutive offsets and applies every event once', async () => {
    const events = eventsOf(8, 5);
    await publish(events);
    const recorder = new BatchRecorder(new InMemoryOffsetStore(), `group-${uniqueSuffix()}`);
    await startConsumer(recorder);

    await waitFor(() => recorder.applied.length >= events.length, { description: 'all events' });
    expect(idsOf(recorder.applied)).toEqual(sortedIds(events));
    for (const batch of recorder.attempts) {
      const offsets = batch.messages.map(({ offset }) => BigInt(offset));
      const expected = offsets.map((_, index) => BigInt(batch.firstOffset) + BigInt(index));
      expect(offsets).toEqual(expected);
      expect(batch.nextOffset).toBe((BigInt(batch.lastOffset) + 1n).toString());
    }
    expect(new Set(recorder.attempts.map(({ partition }) => partition)).size).toBeGreaterThan(1);
  });

  it('delivers a failed batch again with the same offsets until the handler succeeds', async () => {
    const events = eventsOf(1, 4);
    const [ack] = await publish(events);
    const recorder = new BatchRecorder(new InMemoryOffsetStore(), `group-${uniqueSuffix()}`);
    recorder.failuresLeft = 2;
    await startConsumer(recorder);

    await waitFor(() => recorder.applied.length >= events.length, { description: 'the retry' });
    const attempts = recorder.attempts.filter(({ partition }) => partition === ack.partition);
    const spans = attempts
      .slice(0, 3)
      .map(({ firstOffset, lastOffset }) => [firstOffset, lastOffset]);
    expect(spans).toEqual([spans[0], spans[0], spans[0]]);
    expect(spans[0][0]).toBe(ack.baseOffset);
    expect(idsOf(recorder.applied)).toEqual(sortedIds(events));
  });

  it('resumes exactly after the stored offsets when restarted', async () => {
    const before = eventsOf(3, 3);
    await publish(before);
    const store = new InMemoryOffsetStore();
    const groupId = `group-${uniqueSuffix()}`;
    const first = new BatchRecorder(store, groupId);
    const app = await startConsumer(first);
    await waitFor(() => first.applied.length >= before.length, { description: 'first run' });
    await app.close();

    const after = eventsOf(3, 2);
    await publish(after);
    const second = new BatchRecorder(store, groupId);
    await startConsumer(second);

    await waitFor(() => second.applied.length >= after.length, { description: 'second run' });
    expect(idsOf(second.applied)).toEqual(sortedIds(after));
  });

  it('starts a partition at its stored offset even though the group never committed in Kafka', async () => {
    const events = eventsOf(1, 6);
    const [ack] = await publish(events);
    const store = new InMemoryOffsetStore();
    const groupId = `group-${uniqueSuffix()}`;
    const resumeAt = (BigInt(ack.baseOffset!) + 4n).toString();
    store.save(groupId, TOPICS.donationsNormalized, ack.partition, resumeAt);
    const recorder = new BatchRecorder(store, groupId);
    await startConsumer(recorder);

    await waitFor(() => recorder.applied.length >= 2, { description: 'the last two events' });
    expect(recorder.applied.map(({ eventId }) => eventId)).toEqual(
      events.slice(4).map(({ eventId }) => eventId),
    );
    expect(recorder.applied[0].offset).toBe(resumeAt);
  });

  it('mirrors the applied offsets to the group in Kafka for lag monitors, and never reads them back', async () => {
    const events = eventsOf(1, 6);
    const [ack] = await publish(events);
    const groupId = `group-${uniqueSuffix()}`;
    const kafkaTopic = topicName(TOPICS.donationsNormalized, prefix);
    const end = (BigInt(ack.baseOffset!) + 6n).toString();
    const committedInKafka = async (): Promise<string | undefined> => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const [topic] = await admin.fetchOffsets({ groupId, topics: [kafkaTopic] });
        return topic.partitions.find(({ partition }) => partition === ack.partition)?.offset;
      } finally {
        await admin.disconnect();
      }
    };

    // The group in Kafka says "all done"; the store says two are left: the store wins.
    const admin = kafka.admin();
    await admin.connect();
    await admin
      .setOffsets({
        groupId,
        topic: kafkaTopic,
        partitions: [{ partition: ack.partition, offset: end }],
      })
      .finally(() => admin.disconnect());
    const store = new InMemoryOffsetStore();
    const resumeAt = (BigInt(ack.baseOffset!) + 4n).toString();
    store.save(groupId, TOPICS.donationsNormalized, ack.partition, resumeAt);
    const recorder = new BatchRecorder(store, groupId);
    await startConsumer(recorder);

    await waitFor(() => recorder.applied.length >= 2, { description: 'the last two events' });
    expect(recorder.applied.map(({ offset }) => offset)[0]).toBe(resumeAt);
    await waitFor(async () => (await committedInKafka()) === end, {
      description: "the applied position mirrored to the group's offsets",
    });
  });

  it('splits the partitions between two instances of one group, which together see every event', async () => {
    const store = new InMemoryOffsetStore();
    const groupId = `group-${uniqueSuffix()}`;
    const a = new BatchRecorder(store, groupId);
    const b = new BatchRecorder(store, groupId);
    await Promise.all([startConsumer(a), startConsumer(b)]);
    await waitForStableGroup(kafka, groupId, 2);

    const events = eventsOf(24, 2);
    await publish(events);

    await waitFor(() => a.applied.length + b.applied.length >= events.length, {
      description: 'every event across both instances',
    });
    expect(idsOf([...a.applied, ...b.applied])).toEqual(sortedIds(events));
    const partitionsOf = (recorder: BatchRecorder) =>
      new Set(recorder.attempts.map(({ partition }) => partition));
    expect(partitionsOf(a).size).toBeGreaterThan(0);
    expect(partitionsOf(b).size).toBeGreaterThan(0);
    expect([...partitionsOf(a)].filter((partition) => partitionsOf(b).has(partition))).toEqual([]);
  });
});

/** Waits until the group has `members` members that all hold an assignment. */
async function waitForStableGroup(kafka: Kafka, groupId: string, members: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await waitFor(
      async () => {
        const {
          groups: [group],
        } = await admin.describeGroups([groupId]);
        return group.state === 'Stable' && group.members.length === members;
      },
      { description: `${members} members in a stable group` },
    );
  } finally {
    await admin.disconnect();
  }
}
