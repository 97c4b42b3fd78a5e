import { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import { aDonationEvent, DonationEventV1, TOPICS, topicName } from '@donations/contracts';
import { createTestTopics, testKafka, uniqueSuffix, waitFor } from '@donations/testing';
import { TypedProducer } from './typed-producer';

describe('Kafka round trip on the real broker', () => {
  let kafka: Kafka;
  let prefix: string;
  let producer: TypedProducer;
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    kafka = testKafka();
    prefix = await createTestTopics(kafka);
    producer = TypedProducer.create(kafka, prefix);
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
    await producer.disconnect();
  });

  /** Joins `groupId`, hands each message to `seen`, commits only what `commitUpTo` allows. */
  async function startConsumer(groupId: string, seen: DonationEventV1[]): Promise<Consumer> {
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({
      topic: topicName(TOPICS.donationsNormalized, prefix),
      fromBeginning: true,
    });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }: EachMessagePayload) => {
        seen.push(JSON.parse(message.value!.toString()) as DonationEventV1);
        await consumer.commitOffsets([
          { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
        ]);
      },
    });
    return consumer;
  }

  it('delivers acknowledged events to a consumer group, and a restarted member resumes after the commit', async () => {
    const campaignId = `campaign-${uniqueSuffix()}`;
    const first = Array.from({ length: 5 }, () => aDonationEvent({ campaignId }));
    const second = Array.from({ length: 3 }, () => aDonationEvent({ campaignId }));
    const groupId = `group-${uniqueSuffix()}`;

    const acks = await producer.send(
      TOPICS.donationsNormalized,
      first.map((event) => ({
        key: event.campaignId,
        value: event,
        correlationId: event.correlationId,
      })),
    );
    expect(acks.every((ack) => ack.errorCode === 0)).toBe(true);

    const seenBefore: DonationEventV1[] = [];
    const consumer = await startConsumer(groupId, seenBefore);
    await waitFor(() => seenBefore.length === first.length, {
      description: 'the first five events',
    });
    expect(seenBefore.map((event) => event.eventId)).toEqual(first.map((event) => event.eventId));
    await consumer.disconnect();

    await producer.send(
      TOPICS.donationsNormalized,
      second.map((event) => ({ key: event.campaignId, value: event })),
    );
    const seenAfter: DonationEventV1[] = [];
    await startConsumer(groupId, seenAfter);
    await waitFor(() => seenAfter.length >= second.length, {
      description: 'the next three events',
    });
    expect(seenAfter.map((event) => event.eventId)).toEqual(second.map((event) => event.eventId));
  });

  it('carries the correlation id in the message headers', async () => {
    const event = aDonationEvent({ campaignId: `campaign-${uniqueSuffix()}` });
    const [ack] = await producer.send(TOPICS.donationsNormalized, [
      { key: event.campaignId, value: event, correlationId: 'corr-123' },
    ]);
    const consumer = kafka.consumer({ groupId: `group-${uniqueSuffix()}` });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic: ack.topicName, fromBeginning: true });
    let header: string | undefined;
    await consumer.run({
      eachMessage: async ({ message }) => {
        const value = JSON.parse(message.value!.toString()) as DonationEventV1;
        if (value.eventId === event.eventId)
          header = message.headers?.['x-correlation-id']?.toString();
        return Promise.resolve();
      },
    });
    await waitFor(() => header, { description: 'the event with its header' });
    expect(header).toBe('corr-123');
  });

  it('refuses to write to a topic that was never created (auto-creation is off)', async () => {
    const raw = kafka.producer({ allowAutoTopicCreation: false });
    await raw.connect();
    try {
      await expect(
        raw.send({ topic: `${prefix}not-a-topic`, acks: -1, messages: [{ value: 'x' }] }),
      ).rejects.toThrow();
    } finally {
      await raw.disconnect();
    }
  });
});
