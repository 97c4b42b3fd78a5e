import { aDonationEvent, TOPICS } from '@donations/contracts';
import type { ConsumedBatch, ConsumedMessage } from './batch-consumer.types';
import { deadLetterOf, MESSAGE_REJECTIONS, parseBatch } from './parse-batch';

function aMessage(offset: string, value: Buffer | null): ConsumedMessage {
  return {
    key: 'campaign-1',
    value,
    offset,
    headers: { 'x-correlation-id': `corr-${offset}` },
    timestamp: '1700000000000',
  };
}

function aBatch(messages: ConsumedMessage[]): ConsumedBatch<typeof TOPICS.donationsNormalized> {
  return {
    topic: TOPICS.donationsNormalized,
    kafkaTopic: `t1.${TOPICS.donationsNormalized}`,
    partition: 2,
    messages,
    firstOffset: messages[0].offset,
    lastOffset: messages[messages.length - 1].offset,
    nextOffset: (BigInt(messages[messages.length - 1].offset) + 1n).toString(),
  };
}

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

describe('parseBatch', () => {
  it('splits valid events from rejected messages, each with its reason, in offset order', () => {
    const first = aDonationEvent();
    const second = aDonationEvent();
    const batch = aBatch([
      aMessage('5', json(first)),
      aMessage('6', Buffer.from('{not json')),
      aMessage('7', null),
      aMessage('8', json({ ...second, amountMinor: 'ten' })),
      aMessage('9', json(second)),
    ]);

    const { valid, rejected } = parseBatch(batch);

    expect(valid.map(({ value }) => value.eventId)).toEqual([first.eventId, second.eventId]);
    expect(valid.map(({ message }) => message.offset)).toEqual(['5', '9']);
    expect(rejected.map(({ message, reason }) => [message.offset, reason])).toEqual([
      ['6', MESSAGE_REJECTIONS.invalidJson],
      ['7', MESSAGE_REJECTIONS.emptyValue],
      ['8', MESSAGE_REJECTIONS.schemaInvalid],
    ]);
    expect(rejected[2].detail).toContain('amountMinor');
  });

  it('rejects an empty value like a missing one', () => {
    const { rejected } = parseBatch(aBatch([aMessage('0', Buffer.alloc(0))]));
    expect(rejected[0].reason).toBe(MESSAGE_REJECTIONS.emptyValue);
  });
});

describe('deadLetterOf', () => {
  it('carries the original bytes, the reason and the message origin', () => {
    const bytes = Buffer.from('{not json');
    const batch = aBatch([aMessage('6', bytes)]);
    const [rejected] = parseBatch(batch).rejected;

    expect(deadLetterOf(batch, rejected)).toMatchObject({
      reason: 'MESSAGE.INVALID_JSON',
      originalBytes: bytes,
      originalKey: 'campaign-1',
      originalTopic: TOPICS.donationsNormalized,
      originalPartition: 2,
      originalOffset: '6',
      correlationId: 'corr-6',
    });
  });
});
