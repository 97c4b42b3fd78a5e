import type {
  ICustomPartitioner,
  Kafka,
  PartitionMetadata,
  Producer,
  ProducerBatch,
  ProducerConfig,
  RecordMetadata,
} from 'kafkajs';
import { aDonationEvent, TOPICS } from '@donations/contracts';
import { TypedProducer, UNACKNOWLEDGED_SENT_AGAIN } from './typed-producer';

/**
 * One partition of an idempotent broker: it remembers each producer id's last batch and expects
 * the next sequence number; a batch equal to the last one (same first and last sequence) is a
 * duplicate, acknowledged and not written again; a gap is OUT_OF_ORDER_SEQUENCE_NUMBER.
 */
class FakeBroker {
  readonly log: string[] = [];
  readonly producerIds: number[] = [];
  /** The next produce is written but its answer never reaches the producer (leader died). */
  loseNextAnswer = false;
  private readonly last = new Map<number, { first: number; last: number }>();

  initProducerId(): number {
    const id = this.producerIds.length + 1000;
    this.producerIds.push(id);
    return id;
  }

  produce(producerId: number, firstSequence: number, values: string[]): void {
    const previous = this.last.get(producerId);
    const lastSequence = firstSequence + values.length - 1;
    if (previous && previous.first === firstSequence && previous.last === lastSequence) return;
    const expected = previous ? previous.last + 1 : 0;
    if (firstSequence !== expected) {
      throw new Error(`OUT_OF_ORDER_SEQUENCE_NUMBER: ${firstSequence}, expected ${expected}`);
    }
    this.log.push(...values);
    this.last.set(producerId, { first: firstSequence, last: lastSequence });
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new Error('KafkaJSConnectionClosedError: connection closed');
    }
  }
}

/** kafkajs' idempotent producer as far as sequences go: rolled back after a failed request. */
function fakeProducer(broker: FakeBroker, made: { connects: number; disconnects: number }) {
  let producerId: number | undefined;
  let sequence = 0;
  return {
    connect: () => {
      made.connects += 1;
      producerId = broker.initProducerId();
      sequence = 0;
      return Promise.resolve();
    },
    disconnect: () => {
      made.disconnects += 1;
      producerId = undefined;
      return Promise.resolve();
    },
    sendBatch: ({ topicMessages }: ProducerBatch): Promise<RecordMetadata[]> => {
      if (producerId === undefined) return Promise.reject(new Error('not connected'));
      const values = (topicMessages ?? []).flatMap((topic) =>
        topic.messages.map((message) => String(message.value)),
      );
      const first = sequence;
      sequence += values.length;
      try {
        broker.produce(producerId, first, values);
      } catch (error) {
        sequence -= values.length;
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      return Promise.resolve([]);
    },
  } as unknown as Producer;
}

function fakeKafka(broker: FakeBroker) {
  const made = { producers: 0, connects: 0, disconnects: 0 };
  const kafka = {
    producer: () => {
      made.producers += 1;
      return fakeProducer(broker, made);
    },
  } as unknown as Kafka;
  return { kafka, made };
}

const donations = (count: number) =>
  Array.from({ length: count }, () => {
    const event = aDonationEvent();
    return { key: event.campaignId, value: event };
  });

const valuesOf = (messages: ReturnType<typeof donations>) =>
  messages.map((message) => JSON.stringify(message.value));

describe('TypedProducer after a failed send', () => {
  it('sends the next batch under a new producer id: a batch of the same size is written, not taken for a duplicate', async () => {
    const broker = new FakeBroker();
    const { kafka } = fakeKafka(broker);
    const producer = TypedProducer.create(kafka);
    const [a, b, c] = [donations(1), donations(1), donations(1)];

    await producer.send(TOPICS.donationsNormalized, a);
    broker.loseNextAnswer = true;
    await expect(producer.send(TOPICS.donationsNormalized, b)).rejects.toThrow('closed');
    await producer.send(TOPICS.donationsNormalized, c);

    // b was written although its send failed; c was acknowledged, so it must be in the log.
    expect(broker.log).toEqual([...valuesOf(a), ...valuesOf(b), ...valuesOf(c)]);
    expect(broker.producerIds).toHaveLength(2);
  });

  it('is not refused as out of order on every later send', async () => {
    const broker = new FakeBroker();
    const { kafka } = fakeKafka(broker);
    const producer = TypedProducer.create(kafka);

    await producer.send(TOPICS.donationsNormalized, donations(2));
    broker.loseNextAnswer = true;
    await expect(producer.send(TOPICS.donationsNormalized, donations(3))).rejects.toThrow();
    const later = donations(1);
    await producer.send(TOPICS.donationsNormalized, later);
    await producer.send(TOPICS.donationsNormalized, donations(2));

    expect(broker.log).toHaveLength(8);
    expect(broker.log).toEqual(expect.arrayContaining(valuesOf(later)));
  });

  it('gives a send queued behind the failing one the new producer id too', async () => {
    const broker = new FakeBroker();
    const { kafka } = fakeKafka(broker);
    const producer = TypedProducer.create(kafka);
    await producer.send(TOPICS.donationsNormalized, donations(1));

    broker.loseNextAnswer = true;
    const [b, c] = [donations(1), donations(1)];
    const results = await Promise.allSettled([
      producer.send(TOPICS.donationsNormalized, b),
      producer.send(TOPICS.donationsNormalized, c),
    ]);

    expect(results.map((result) => result.status)).toEqual(['rejected', 'fulfilled']);
    expect(broker.log.slice(1)).toEqual([...valuesOf(b), ...valuesOf(c)]);
  });

  it('keeps its producer (and producer id) while sends succeed, and retires the failed one', async () => {
    const broker = new FakeBroker();
    const { kafka, made } = fakeKafka(broker);
    const producer = TypedProducer.create(kafka);

    for (let i = 0; i < 3; i += 1) await producer.send(TOPICS.donationsNormalized, donations(1));
    expect(made).toEqual({ producers: 1, connects: 1, disconnects: 0 });

    broker.loseNextAnswer = true;
    await expect(producer.send(TOPICS.donationsNormalized, donations(1))).rejects.toThrow();
    await producer.send(TOPICS.donationsNormalized, donations(1));
    expect(made).toEqual({ producers: 2, connects: 2, disconnects: 1 });
    await producer.disconnect();
    expect(made.disconnects).toBe(2);
  });

  it('gets a new producer id from a single kafkajs producer by connecting it again', async () => {
    const broker = new FakeBroker();
    const made = { connects: 0, disconnects: 0 };
    const producer = new TypedProducer(fakeProducer(broker, made));
    const [a, b, c] = [donations(1), donations(1), donations(1)];

    await producer.send(TOPICS.donationsNormalized, a);
    broker.loseNextAnswer = true;
    await expect(producer.send(TOPICS.donationsNormalized, b)).rejects.toThrow();
    await producer.send(TOPICS.donationsNormalized, c);

    expect(broker.log).toEqual([...valuesOf(a), ...valuesOf(b), ...valuesOf(c)]);
    expect(made).toEqual({ connects: 2, disconnects: 1 });
  });
});

describe('TypedProducer when kafkajs resolves a send without writing one of its partitions', () => {
  /**
   * kafkajs' producer as far as partitions go: its first send writes and acknowledges partition
   * 1 only (partition 0's leader moved to a broker that had answered), as kafkajs 2.2.4 does.
   */
  function skippingKafka(log: string[], made: { producers: number; sends: number }) {
    return {
      producer: ({ createPartitioner }: ProducerConfig) => {
        made.producers += 1;
        const place = (createPartitioner as ICustomPartitioner)();
        const partitionMetadata = [0, 1].map((partitionId) => ({ partitionId, leader: 1 }));
        return {
          connect: () => Promise.resolve(),
          disconnect: () => Promise.resolve(),
          logger: () => ({ warn: (message: string) => log.push(`warn: ${message}`) }),
          sendBatch: ({ topicMessages }: ProducerBatch): Promise<RecordMetadata[]> => {
            made.sends += 1;
            const acknowledged = new Map<string, RecordMetadata>();
            for (const { topic, messages } of topicMessages ?? []) {
              for (const message of messages) {
                const partition = place({
                  topic,
                  partitionMetadata: partitionMetadata as PartitionMetadata[],
                  message,
                });
                if (made.sends === 1 && partition === 0) continue;
                log.push(String(message.value));
                acknowledged.set(`${topic}:${partition}`, {
                  topicName: topic,
                  partition,
                  errorCode: 0,
                });
              }
            }
            return Promise.resolve([...acknowledged.values()]);
          },
        } as unknown as Producer;
      },
    } as unknown as Kafka;
  }

  it('sends the unacknowledged messages again through the same producer, and resolves once all are written', async () => {
    const log: string[] = [];
    const made = { producers: 0, sends: 0 };
    const producer = TypedProducer.create(skippingKafka(log, made));
    // Twelve campaigns (the keys): both partitions get some.
    const messages = donations(12).map(({ value }, i) => ({
      key: `campaign-${i}`,
      value: { ...value, campaignId: `campaign-${i}` },
    }));

    await producer.send(TOPICS.donationsNormalized, messages);

    expect(log.filter((line) => !line.startsWith('warn: ')).sort()).toEqual(
      valuesOf(messages).sort(),
    );
    expect(log.filter((line) => line.startsWith('warn: '))).toEqual([
      `warn: ${UNACKNOWLEDGED_SENT_AGAIN}`,
    ]);
    expect(made).toEqual({ producers: 1, sends: 2 });
  });
});
