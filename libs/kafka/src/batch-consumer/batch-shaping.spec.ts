import type { KafkaMessage } from 'kafkajs';
import { TOPICS } from '@donations/contracts';
import { decodeHeaders, highestOffset, shapeBatch } from './batch-shaping';

const origin = {
  topic: TOPICS.donationsNormalized,
  kafkaTopic: 't1.donations.normalized.v1',
  partition: 4,
};

function aKafkaMessage(
  offset: string,
  overrides: { key?: Buffer | null; value?: Buffer | null } = {},
): KafkaMessage {
  return {
    key: Buffer.from(`campaign-${offset}`),
    value: Buffer.from(`{"n":${offset}}`),
    timestamp: '1700000000000',
    attributes: 0,
    offset,
    headers: {},
    ...overrides,
  };
}

describe('shapeBatch', () => {
  it('keeps the raw bytes and gives the offsets of the run', () => {
    const batch = shapeBatch(origin, [aKafkaMessage('10'), aKafkaMessage('11')]);
    expect(batch).toMatchObject({
      ...origin,
      firstOffset: '10',
      lastOffset: '11',
      nextOffset: '12',
    });
    expect(batch?.messages.map((message) => message.value?.toString())).toEqual([
      '{"n":10}',
      '{"n":11}',
    ]);
    expect(batch?.messages[0]).toMatchObject({ key: 'campaign-10', timestamp: '1700000000000' });
  });

  it('leaves out the messages the store says are already applied', () => {
    const fetched = ['7', '8', '9', '10'].map((offset) => aKafkaMessage(offset));
    const batch = shapeBatch(origin, fetched, '9');
    expect(batch?.messages.map((message) => message.offset)).toEqual(['9', '10']);
    expect(batch?.firstOffset).toBe('9');
  });

  it('gives nothing when every message is already applied', () => {
    expect(shapeBatch(origin, [aKafkaMessage('3')], '4')).toBeUndefined();
    expect(shapeBatch(origin, [])).toBeUndefined();
  });

  it('compares offsets as 64-bit numbers, not as strings', () => {
    const fetched = [aKafkaMessage('9007199254740993'), aKafkaMessage('10000000000000000')];
    const batch = shapeBatch(origin, fetched.reverse(), '9007199254740993');
    expect(batch?.firstOffset).toBe('9007199254740993');
    expect(batch?.nextOffset).toBe('10000000000000001');
  });

  it('keeps a null key and a null value (a tombstone) as null', () => {
    const batch = shapeBatch(origin, [aKafkaMessage('0', { key: null, value: null })]);
    expect(batch?.messages[0]).toMatchObject({ key: null, value: null });
  });
});

describe('highestOffset', () => {
  it('finds the highest offset numerically', () => {
    expect(highestOffset([aKafkaMessage('9'), aKafkaMessage('10')])).toBe('10');
    expect(highestOffset([])).toBeUndefined();
  });
});

describe('decodeHeaders', () => {
  it('decodes buffers, keeps the last of a repeated header and skips undefined ones', () => {
    expect(
      decodeHeaders({
        'x-correlation-id': Buffer.from('c1'),
        repeated: [Buffer.from('a'), 'b'],
        absent: undefined,
      }),
    ).toEqual({ 'x-correlation-id': 'c1', repeated: 'b' });
  });
});
