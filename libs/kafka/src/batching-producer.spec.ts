import type { RecordMetadata } from 'kafkajs';
import { aDonationEvent, TOPICS } from '@donations/contracts';
import { BatchingProducer } from './batching-producer';
import { KafkaUnavailableError } from './kafka.errors';
import type { AnyTopicBatch, TypedProducer } from './typed-producer';

/** Records each sendBatch and lets the test decide when Kafka "acknowledges". */
class ControlledProducer {
  readonly requests: AnyTopicBatch[][] = [];
  private pending: { resolve: () => void; reject: (error: Error) => void }[] = [];

  sendBatch(batches: AnyTopicBatch[]): Promise<RecordMetadata[]> {
    this.requests.push(batches);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve: () => resolve([]), reject });
    });
  }

  ackNext(): void {
    this.pending.shift()?.resolve();
  }

  failNext(): void {
    this.pending.shift()?.reject(new Error('broker gone'));
  }
}

const message = () => {
  const event = aDonationEvent();
  return { topic: TOPICS.donationsNormalized, messages: [{ key: event.campaignId, value: event }] };
};

const flushTicks = () => new Promise((resolve) => setImmediate(resolve));

describe('BatchingProducer', () => {
  it('sends the callers of one tick as one request and answers each only after the ack', async () => {
    const kafka = new ControlledProducer();
    const producer = new BatchingProducer(kafka as unknown as TypedProducer);
    let answered = 0;
    const calls = [1, 2, 3].map(() => producer.send([message()]).then(() => answered++));
    await flushTicks();
    expect(kafka.requests).toHaveLength(1);
    expect(kafka.requests[0][0].messages).toHaveLength(3);
    expect(answered).toBe(0);
    kafka.ackNext();
    await Promise.all(calls);
    expect(answered).toBe(3);
  });

  it('gathers the callers that arrive while a request is in flight into the next request', async () => {
    const kafka = new ControlledProducer();
    const producer = new BatchingProducer(kafka as unknown as TypedProducer);
    const first = producer.send([message()]);
    await flushTicks();
    const later = [producer.send([message()]), producer.send([message()])];
    await flushTicks();
    expect(kafka.requests).toHaveLength(1);
    kafka.ackNext();
    await first;
    await flushTicks();
    expect(kafka.requests).toHaveLength(2);
    expect(kafka.requests[1][0].messages).toHaveLength(2);
    kafka.ackNext();
    await Promise.all(later);
  });

  it('fails every caller of a failed request with KafkaUnavailableError', async () => {
    const kafka = new ControlledProducer();
    const producer = new BatchingProducer(kafka as unknown as TypedProducer);
    const calls = [producer.send([message()]), producer.send([message()])];
    await flushTicks();
    kafka.failNext();
    for (const call of calls) await expect(call).rejects.toBeInstanceOf(KafkaUnavailableError);
  });

  it('gives up on a caller whose batch is not acknowledged in time', async () => {
    const kafka = new ControlledProducer();
    const producer = new BatchingProducer(kafka as unknown as TypedProducer, { ackTimeoutMs: 20 });
    await expect(producer.send([message()])).rejects.toThrow(/within 20 ms/);
  });

  it('splits a queue larger than the batch limit over several requests', async () => {
    const kafka = new ControlledProducer();
    const producer = new BatchingProducer(kafka as unknown as TypedProducer, {
      maxBatchMessages: 2,
    });
    const calls = [1, 2, 3, 4, 5].map(() => producer.send([message()]));
    await flushTicks();
    expect(kafka.requests[0][0].messages).toHaveLength(2);
    for (let i = 0; i < 3; i++) {
      kafka.ackNext();
      await flushTicks();
      await flushTicks();
    }
    await Promise.all(calls);
    expect(kafka.requests.map((request) => request[0].messages.length)).toEqual([2, 2, 1]);
  });
});
