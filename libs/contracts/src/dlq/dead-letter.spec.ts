import { DeadLetterSchema } from './dead-letter';

const aDeadLetter = {
  reason: 'WEBHOOK.SIGNATURE_INVALID',
  message: 'signature does not verify',
  source: 'adapter-alipay',
  originalValueBase64: Buffer.from('trade_no=1&sign=x').toString('base64'),
  receivedAt: '2024-09-09T02:00:00.000Z',
};

describe('donations.dlq', () => {
  it('accepts a rejected webhook with the minimum fields', () => {
    expect(DeadLetterSchema.safeParse(aDeadLetter).success).toBe(true);
  });

  it('accepts a rejected Kafka message with its origin', () => {
    const full = {
      ...aDeadLetter,
      reason: 'EVENT.UNKNOWN_CAMPAIGN',
      source: 'aggregator',
      originalTopic: 'donations.normalized.v1',
      originalKey: 'campaign-1',
      originalPartition: 3,
      originalOffset: '1234567',
      headers: { 'x-correlation-id': 'c1' },
      correlationId: 'c1',
    };
    expect(DeadLetterSchema.safeParse(full).success).toBe(true);
  });

  it('accepts the hash, size and prefix of bytes that failed authentication', () => {
    const truncated = {
      ...aDeadLetter,
      originalValueBase64: Buffer.alloc(4096, 'x').toString('base64'),
      originalSize: 262_144,
      originalSha256: 'a'.repeat(64),
      originalTruncated: true,
    };
    expect(DeadLetterSchema.safeParse(truncated).success).toBe(true);
  });

  it('accepts empty original bytes', () => {
    expect(DeadLetterSchema.safeParse({ ...aDeadLetter, originalValueBase64: '' }).success).toBe(
      true,
    );
  });

  it.each([
    ['a lower-case reason', { reason: 'webhook.signature_invalid' }],
    ['a reason without area', { reason: 'SIGNATURE_INVALID' }],
    ['bytes that are not base64', { originalValueBase64: 'not base64!' }],
    ['an empty source', { source: '' }],
    ['a non-numeric offset', { originalOffset: 'abc' }],
    ['a header with a non-string value', { headers: { retries: 3 } }],
    ['an extra field', { payload: {} }],
    ['a hash that is not SHA-256 hex', { originalSha256: 'ABC' }],
    ['a negative size', { originalSize: -1 }],
  ])('rejects %s', (_name, overrides) => {
    expect(DeadLetterSchema.safeParse({ ...aDeadLetter, ...overrides }).success).toBe(false);
  });

  it('rejects a dead letter without the original bytes', () => {
    const { originalValueBase64: _omitted, ...rest } = aDeadLetter;
    expect(DeadLetterSchema.safeParse(rest).success).toBe(false);
  });
});
