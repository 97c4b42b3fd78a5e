import { createHash } from 'node:crypto';
import { DeadLetter, DeadLetterSchema, TOPICS } from '@donations/contracts';
import { BatchingProducer } from './batching-producer';
import { KafkaUnavailableError } from './kafka.errors';
import { DeadLetterPublisher, UNAUTHENTICATED_PREFIX_BYTES } from './dead-letter.publisher';
import type { AnyTopicBatch, TypedProducer } from './typed-producer';

/** Records what the publisher's lane sends; acknowledges at once. */
function recordingProducer() {
  const sent: AnyTopicBatch[][] = [];
  const lane = { send: (batches: AnyTopicBatch[]) => (sent.push(batches), Promise.resolve()) };
  const producer = { lane: () => lane } as unknown as BatchingProducer;
  const only = () => {
    const [[batch]] = sent;
    const [message] = batch.messages;
    return { topic: batch.topic, key: message.key, value: message.value as DeadLetter };
  };
  return { producer, sent, only };
}

const at = () => new Date('2026-09-09T02:00:00.000Z');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('DeadLetterPublisher', () => {
  it('keeps only a hash and a 4 KiB prefix of bytes that failed authentication', async () => {
    const { producer, only } = recordingProducer();
    const body = Buffer.alloc(256 * 1024, 'x');
    await new DeadLetterPublisher(producer, 'adapter-shuidi', at).publish({
      reason: 'WEBHOOK.SIGNATURE_MISSING',
      message: 'no signature',
      originalBytes: body,
      unauthenticated: true,
      correlationId: 'chosen-by-the-caller',
    });
    const { topic, key, value } = only();
    expect(topic).toBe(TOPICS.dlq);
    expect(Buffer.from(value.originalValueBase64, 'base64').length).toBe(
      UNAUTHENTICATED_PREFIX_BYTES,
    );
    expect(value).toMatchObject({
      originalSize: body.length,
      originalSha256: sha256(body),
      originalTruncated: true,
      authenticated: false,
    });
    expect(DeadLetterSchema.safeParse(value).success).toBe(true);
    expect(key).toBe(`adapter-shuidi:${sha256(body).slice(0, 32)}`);
  });

  it('keeps authenticated bytes whole, and keys a Kafka message by its own key', async () => {
    const { producer, only } = recordingProducer();
    const body = Buffer.alloc(64 * 1024, 'y');
    await new DeadLetterPublisher(producer, 'aggregator', at).publish({
      reason: 'EVENT.UNKNOWN_CAMPAIGN',
      message: 'unknown campaign',
      originalBytes: body,
      originalKey: 'campaign-1',
    });
    const { key, value } = only();
    expect(key).toBe('campaign-1');
    expect(value.authenticated).toBeUndefined();
    expect(Buffer.from(value.originalValueBase64, 'base64').equals(body)).toBe(true);
    expect(value).toMatchObject({ originalSize: body.length, originalTruncated: false });
  });

  it('refuses a dead letter at once while its lane is full, whatever the main queue holds', async () => {
    const hung = { sendBatch: () => new Promise(() => undefined) } as unknown as TypedProducer;
    const deadLetters = new DeadLetterPublisher(new BatchingProducer(hung), 'adapter-jd', at);
    const letter = (i: number) => ({
      reason: 'WEBHOOK.SIGNATURE_MISSING',
      message: 'no signature',
      originalBytes: Buffer.alloc(4 * 1024, i),
      unauthenticated: true,
    });
    void deadLetters.publish(letter(0)).catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    // 8 MiB of waiting dead letters at ~6 KiB each: the lane is full well before 2,000.
    let refused = 0;
    for (let i = 1; i <= 2_100; i++) {
      deadLetters.publish(letter(i)).catch((error: unknown) => {
        if (error instanceof KafkaUnavailableError && /queue is full/.test(error.message)) {
          refused += 1;
        }
      });
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(refused).toBeGreaterThan(500);
  });

  it("publishes a consumer's dead letters beyond the lane's bound: they wait for room", async () => {
    const requests: AnyTopicBatch[][] = [];
    const acking = {
      sendBatch: (take: () => AnyTopicBatch[]) => (requests.push(take()), Promise.resolve([])),
    } as unknown as TypedProducer;
    const deadLetters = new DeadLetterPublisher(new BatchingProducer(acking), 'aggregator', at);
    await Promise.all(
      Array.from({ length: 2_500 }, (_, i) =>
        deadLetters.publish({
          reason: 'EVENT.UNKNOWN_CAMPAIGN',
          message: 'unknown campaign',
          originalBytes: Buffer.from(`event ${i}`),
          originalKey: `campaign-${i}`,
        }),
      ),
    );
    expect(requests.flat().reduce((sum, batch) => sum + batch.messages.length, 0)).toBe(2_500);
  });
});
