import type { Producer, ProducerBatch, RecordMetadata } from 'kafkajs';
import { aDonationEvent, TOPICS } from '@donations/contracts';
import { BatchingProducer } from './batching-producer';
import { KafkaUnavailableError } from './kafka.errors';
import { TypedProducer } from './typed-producer';
import type { AnyTopicBatch } from './typed-producer';

/** Records each sendBatch and lets the test decide when Kafka "acknowledges". */
class ControlledProducer {
  readonly requests: AnyTopicBatch[][] = [];
  private pending: { resolve: () => void; reject: (error: Error) => void }[] = [];

  sendBatch(batches: AnyTopicBatch[] | (() => AnyTopicBatch[])): Promise<RecordMetadata[]> {
    this.requests.push(typeof batches === 'function' ? batches() : batches);
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

  it('gives up in time on a caller waiting behind a request Kafka does not answer', async () => {
    const kafka = new ControlledProducer();
    const producer = new BatchingProducer(kafka as unknown as TypedProducer, { ackTimeoutMs: 20 });
    void producer.send([message()]).catch(() => undefined);
    await flushTicks();
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

  it('caps a request by encoded bytes: a caller over the cap goes out in several requests', async () => {
    const kafka = new ControlledProducer();
    const producer = new BatchingProducer(kafka as unknown as TypedProducer, {
      maxBatchBytes: 4 * 1024,
    });
    const big = () => rawOf(3 * 1024);
    const calls = [producer.send([big()]), producer.send([big(), big()])];
    await flushTicks();
    for (let i = 0; i < 3; i++) {
      expect(kafka.requests).toHaveLength(i + 1);
      kafka.ackNext();
      await flushTicks();
      await flushTicks();
    }
    await Promise.all(calls);
    expect(kafka.requests.map((request) => request[0].messages.length)).toEqual([1, 1, 1]);
  });

  it('refuses a caller at once while the waiting messages are at their bound', async () => {
    const kafka = new ControlledProducer();
    const producer = new BatchingProducer(kafka as unknown as TypedProducer, {
      maxQueuedMessages: 2,
    });
    const inFlight = producer.send([message()]);
    await flushTicks();
    const waiting = [producer.send([message()]), producer.send([message()])];
    await expect(producer.send([message()])).rejects.toThrow(/queue is full/);
    expect(producer.waiting.count).toBe(2);
    kafka.ackNext();
    await inFlight;
    await flushTicks();
    kafka.ackNext();
    await Promise.all(waiting);
  });

  it('lets a caller that may wait go in once there is room, in arrival order', async () => {
    const kafka = new ControlledProducer();
    const producer = new BatchingProducer(kafka as unknown as TypedProducer, {
      maxQueuedMessages: 1,
    });
    const inFlight = producer.send([message()]);
    await flushTicks();
    const waiting = producer.send([message()]);
    const patient = producer.send([message(), message()], { whenFull: 'wait' });
    await expect(producer.send([message()])).rejects.toThrow(/queue is full/);
    kafka.ackNext();
    await inFlight;
    await flushTicks();
    kafka.ackNext();
    await waiting;
    await flushTicks();
    kafka.ackNext();
    await patient;
    expect(kafka.requests.map((request) => request[0].messages.length)).toEqual([1, 1, 2]);
  });

  it('refuses a caller at once while the waiting bytes are at their bound', async () => {
    const kafka = new ControlledProducer();
    const producer = new BatchingProducer(kafka as unknown as TypedProducer, {
      maxQueuedBytes: 8 * 1024,
    });
    void producer.send([message()]).catch(() => undefined);
    await flushTicks();
    void producer.send([rawOf(6 * 1024)]).catch(() => undefined);
    await expect(producer.send([rawOf(6 * 1024)])).rejects.toBeInstanceOf(KafkaUnavailableError);
  });

  it('never sends the messages of a caller that timed out while they waited', async () => {
    const kafka = new ControlledProducer();
    const producer = new BatchingProducer(kafka as unknown as TypedProducer, { ackTimeoutMs: 30 });
    const inFlight = producer.send([message()]);
    await flushTicks();
    const stale = producer.send([message(), message()]);
    await expect(stale).rejects.toThrow(/within 30 ms/);
    expect(producer.waiting).toEqual({ count: 0, bytes: 0 });
    const fresh = producer.send([message()]);
    kafka.ackNext();
    await inFlight;
    await flushTicks();
    expect(kafka.requests).toHaveLength(2);
    expect(kafka.requests[1][0].messages).toHaveLength(1);
    kafka.ackNext();
    await fresh;
  });

  it('answers a timed-out caller whose request is in flight only once that request settles', async () => {
    const kafka = new ControlledProducer();
    const producer = new BatchingProducer(kafka as unknown as TypedProducer, { ackTimeoutMs: 10 });
    let outcome = 'pending';
    const inFlight = producer.send([message()]).then(
      () => (outcome = 'acknowledged'),
      () => (outcome = 'failed'),
    );
    await flushTicks();
    const timedOut = producer.send([message()]);
    await expect(timedOut).rejects.toThrow(/within 10 ms/);
    expect(outcome).toBe('pending');
    kafka.failNext();
    await inFlight;
    expect(outcome).toBe('failed');
    expect(kafka.requests).toHaveLength(1);
  });

  it('keeps a lane apart: its messages never share a request with the main queue', async () => {
    const kafka = new ControlledProducer();
    const producer = new BatchingProducer(kafka as unknown as TypedProducer);
    const lane = producer.lane();
    const calls = [producer.send([message()]), lane.send([rawOf(100)])];
    await flushTicks();
    expect(kafka.requests).toHaveLength(2);
    expect(kafka.requests.map((request) => request.map((batch) => batch.topic))).toEqual([
      [TOPICS.donationsNormalized],
      [TOPICS.donationsRaw],
    ]);
    kafka.ackNext();
    kafka.ackNext();
    await Promise.all(calls);
  });

  it("does not hold a lane's callers past their timeout behind the other lane's hung request", async () => {
    // kafkajs under a real TypedProducer (one send at a time): the first request hangs.
    const sent: string[] = [];
    let answerFirst: () => void = () => undefined;
    const kafkajs = {
      connect: () => Promise.resolve(),
      disconnect: () => Promise.resolve(),
      sendBatch: ({ topicMessages }: ProducerBatch) => {
        sent.push(...(topicMessages ?? []).map((batch) => batch.topic));
        if (sent.length > 1) return Promise.resolve([]);
        return new Promise((resolve) => (answerFirst = () => resolve([])));
      },
    } as unknown as Producer;
    const producer = new BatchingProducer(new TypedProducer(kafkajs), { ackTimeoutMs: 20 });
    const hung = producer.send([message()]);
    await flushTicks();
    await expect(producer.lane().send([rawOf(100)])).rejects.toThrow(/within 20 ms/);
    answerFirst();
    await hung;
    await flushTicks();
    // The lane's timed-out message never reached Kafka after its caller was answered.
    expect(sent).toEqual([TOPICS.donationsNormalized]);
  }, 2_000);

  it('fails the waiting callers at once when the producer cannot connect, before their timeout', async () => {
    const kafkajs = {
      connect: () => Promise.reject(new Error('ECONNREFUSED')),
      disconnect: () => Promise.resolve(),
      sendBatch: () => Promise.reject(new Error('not connected')),
    } as unknown as Producer;
    const producer = new BatchingProducer(new TypedProducer(kafkajs), { ackTimeoutMs: 60_000 });
    await expect(producer.send([message()])).rejects.toBeInstanceOf(KafkaUnavailableError);
    expect(producer.waiting).toEqual({ count: 0, bytes: 0 });
  }, 2_000);
});

function rawOf(bytes: number) {
  return {
    topic: TOPICS.donationsRaw,
    messages: [
      {
        key: 'shuidi:1',
        value: {
          platform: 'shuidi' as const,
          receivedAt: '2026-09-09T02:00:00.000Z',
          method: 'POST',
          path: '/webhooks/shuidi',
          headers: {},
          bodyBase64: 'x'.repeat(bytes),
          correlationId: 'c-1',
        },
      },
    ],
  };
}
