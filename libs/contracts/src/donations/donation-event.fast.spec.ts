import { makeUscc } from '../charity/uscc';
import { aDonationEvent, aRefundEvent } from '../testing/donation-event.builder';
import { parseTopicPayload } from '../topics';
import { DonationEventV1Schema } from './donation-event.v1';
import { fastDonationEvent } from './donation-event.fast';
import { donationEventId } from './event-id';

type Fields = Record<string, unknown>;

/** Values tried in every field: right and wrong types, edges of the contract's bounds. */
const ANY_VALUES: unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'x',
  0,
  1,
  -1,
  1.5,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 1,
  Number.NaN,
  true,
  [],
  {},
  '1',
  'a'.repeat(32),
  'a'.repeat(33),
  'a'.repeat(64),
  'a'.repeat(65),
  'a'.repeat(128),
  'a'.repeat(129),
  'nul-\u0000',
  'lone-\ud800',
  '捐款-😀',
];

/** Values that are valid for some field and tricky for others. */
const FIELD_VALUES: Record<string, unknown[]> = {
  eventId: ['00000000-0000-0000-0000-000000000000', 'not-a-uuid'],
  schemaVersion: [2, '1'],
  platform: ['alipay', 'tencent', 'stripe', 'Alipay', 'paypal'],
  type: ['donation.completed', 'donation.refunded', 'donation.pledged'],
  charityId: [
    makeUscc('53100000500021676'),
    '531000005000216760',
    makeUscc('53100000500021676').toLowerCase(),
  ],
  amountMinor: [100, 2 ** 53 - 1, -0, 1e21],
  currency: ['CNY', 'JPY', 'KWD', 'cny', 'XYZ', 'XAU'],
  occurredAt: [
    '2024-09-09T10:00:00Z',
    '2024-09-09T10:00:00.123456789+08:00',
    '2024-02-29T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2024-09-09T10:00Z',
    '2024-09-09T10:00:00',
    '2024-09-09 10:00:00Z',
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00+15:59',
    '9999-12-31T23:59:59.999999-15:59',
    '2024-01-01T00:00:00+16:00',
    '2024-01-01T24:00:00Z',
    '2024-01-01T00:00:60Z',
    '2024-09-09t10:00:00z',
  ],
  donor: [
    { hash: 'a'.repeat(64) },
    { hash: 'A'.repeat(64) },
    { hash: 'a'.repeat(63) },
    { hash: 'a'.repeat(64), ageBand: '18-24', region: 'CN-GD' },
    { hash: 'a'.repeat(64), ageBand: '17' },
    { hash: 'a'.repeat(64), ageBand: undefined },
    { hash: 'a'.repeat(64), region: '' },
    { hash: 'a'.repeat(64), region: 'r'.repeat(33) },
    { hash: 'a'.repeat(64), region: 'CN\u0000' },
    { hash: 'a'.repeat(64), openid: 'o1' },
    Object.create({ hash: 'a'.repeat(64) }) as unknown,
  ],
};
FIELD_VALUES.receivedAt = FIELD_VALUES.occurredAt ?? [];

const FIELDS = [...Object.keys(aRefundEvent()), 'note', '__proto__', 'constructor'] as const;

/** The event with one field set (or deleted), its eventId rederived when it can be. */
function mutations(base: Fields): Fields[] {
  const out: Fields[] = [];
  for (const field of FIELDS) {
    const own = Object.hasOwn(FIELD_VALUES, field) ? (FIELD_VALUES[field] ?? []) : [];
    const values = [...ANY_VALUES, ...own];
    for (const value of values) {
      const mutated = { ...base };
      if (value === undefined) delete mutated[field];
      else Object.defineProperty(mutated, field, { value, enumerable: true, writable: true });
      out.push(mutated, withDerivedId(mutated));
    }
  }
  return out;
}

function withDerivedId(event: Fields): Fields {
  try {
    const eventId = donationEventId(event as unknown as Parameters<typeof donationEventId>[0]);
    return { ...event, eventId };
  } catch {
    return event;
  }
}

/** Valid events that differ in every optional and variable part. */
function validEvents(): Fields[] {
  const donor = { hash: 'b'.repeat(64), ageBand: '65+' as const, region: '广东' };
  return [
    aDonationEvent(),
    aRefundEvent(),
    aDonationEvent({ platform: 'jd', currency: 'JPY', amountMinor: Number.MAX_SAFE_INTEGER }),
    aRefundEvent({
      platform: 'stripe',
      donor,
      platformTxnId: 'p|i\\pe',
      refundId: 'r'.repeat(128),
    }),
    aDonationEvent({ platformTxnId: 'txn-😀-捐款', campaignId: 'c'.repeat(64), donor }),
    aDonationEvent({
      occurredAt: '0001-01-01T00:00:00+15:59',
      receivedAt: '2024-02-29T23:59:59.5Z',
    }),
    JSON.parse(JSON.stringify(aRefundEvent({ correlationId: 'c'.repeat(128) }))) as Fields,
    // Keys in another order than the schema's: zod's output (and the fast path's) is in its order.
    Object.fromEntries(Object.entries(aRefundEvent()).reverse()),
  ];
}

describe('fastDonationEvent, the fast path of DonationEventV1Schema', () => {
  const valid = validEvents();
  const corpus = [...valid, ...valid.flatMap(mutations)];

  it('accepts every valid event of the corpus, with what zod returns, key order included', () => {
    for (const event of valid) {
      const zod = DonationEventV1Schema.parse(event);
      const fast = fastDonationEvent(event);
      expect(fast).toEqual(zod);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(zod));
    }
  });

  it(`accepts only what zod accepts, returning the same (a corpus of ${corpus.length} mutations)`, () => {
    let accepted = 0;
    let zodAccepted = 0;
    for (const event of corpus) {
      const zod = DonationEventV1Schema.safeParse(event);
      const fast = fastDonationEvent(event);
      if (zod.success) zodAccepted += 1;
      if (fast === undefined) continue;
      accepted += 1;
      expect(zod.success).toBe(true);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
    }
    // The fast path is the common path: it takes nearly everything zod accepts.
    expect(accepted).toBeGreaterThan(zodAccepted * 0.9);
  });

  it('leaves every rejection to zod: parseTopicPayload gives the same verdict and issues', () => {
    for (const event of corpus) {
      const zod = DonationEventV1Schema.safeParse(event);
      const parsed = parseTopicPayload('donations.normalized.v1', event);
      expect(parsed.ok).toBe(zod.success);
      if (parsed.ok && zod.success)
        expect(JSON.stringify(parsed.value)).toBe(JSON.stringify(zod.data));
    }
  });
});
