import { aDonationEvent, aRefundEvent } from '../testing/donation-event.builder';
import { DonationEventV1Schema, EVENT_ID_MISMATCH, parseDonationEvent } from './donation-event.v1';
import { donationEventId } from './event-id';

function issuesOf(value: unknown): string[] {
  const result = parseDonationEvent(value);
  return result.ok ? [] : result.issues;
}

function without<T extends object>(value: T, key: keyof T): Record<string, unknown> {
  const copy = { ...value } as Record<string, unknown>;
  delete copy[key as string];
  return copy;
}

describe('donations.normalized.v1 event', () => {
  it('accepts a completed donation', () => {
    const event = aDonationEvent();
    expect(parseDonationEvent(event)).toEqual({ ok: true, event });
  });

  it('accepts a refund with its refundId', () => {
    const event = aRefundEvent({ platform: 'tencent', refundId: '50000000382019052709732678859' });
    expect(parseDonationEvent(event)).toEqual({ ok: true, event });
  });

  it('accepts a round trip through JSON', () => {
    const event = aRefundEvent();
    expect(parseDonationEvent(JSON.parse(JSON.stringify(event)))).toEqual({ ok: true, event });
  });

  it('accepts zero-decimal and three-decimal currencies and optional donor fields', () => {
    const donor = { ...aDonationEvent().donor, ageBand: '18-24' as const, region: 'CN-GD' };
    expect(issuesOf(aDonationEvent({ currency: 'JPY', amountMinor: 100, donor }))).toEqual([]);
    expect(issuesOf(aDonationEvent({ currency: 'KWD', amountMinor: 1234 }))).toEqual([]);
  });

  it.each([
    ['a float amount', 1.5, /^amountMinor: /],
    ['a negative amount', -100, /^amountMinor: .*>0/],
    ['a zero amount', 0, /^amountMinor: .*>0/],
    ['an unsafe integer', Number.MAX_SAFE_INTEGER + 1, /^amountMinor: /],
    ['an amount as a string', '100', /^amountMinor: .*expected number/],
  ])('rejects %s', (_name, amountMinor, issue) => {
    const issues = issuesOf({ ...aDonationEvent(), amountMinor });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(issue);
  });

  it.each([
    ['a NUL in the transaction id', { platformTxnId: 'txn-\u0000-1' }, /^platformTxnId: .*NUL/],
    ['a NUL in the campaign id', { campaignId: 'campaign-\u0000' }, /^campaignId: .*NUL/],
    [
      'a lone surrogate in the transaction id',
      // No eventId can be derived from it (not UTF-8): the event carries some other one.
      { platformTxnId: 'txn-\ud800', eventId: aDonationEvent().eventId },
      /^platformTxnId: /,
    ],
    ['a NUL in the correlation id', { correlationId: 'c\u0000' }, /^correlationId: .*NUL/],
    ['year 0000', { occurredAt: '0000-01-01T00:00:00Z' }, /^occurredAt: .*0001-9999/],
    ['an offset PostgreSQL refuses', { receivedAt: '2026-01-01T00:00:00+16:00' }, /^receivedAt: /],
  ])('rejects %s, a value PostgreSQL refuses', (_name, overrides, issue) => {
    const issues = issuesOf(aDonationEvent(overrides));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(issue);
  });

  it('rejects a NUL in the donor region and accepts the extremes PostgreSQL stores', () => {
    const donor = { ...aDonationEvent().donor, region: 'CN\u0000' };
    expect(issuesOf(aDonationEvent({ donor }))).toEqual([expect.stringMatching(/^donor.region: /)]);
    const extremes = aDonationEvent({
      platformTxnId: 'txn-😀-捐款',
      occurredAt: '0001-01-01T00:00:00+15:59',
      receivedAt: '9999-12-31T23:59:59.999999-15:59',
    });
    expect(issuesOf(extremes)).toEqual([]);
  });

  it('rejects an unknown currency', () => {
    expect(issuesOf({ ...aDonationEvent(), currency: 'XYZ' })).toEqual([
      expect.stringMatching(/^currency: /),
    ]);
  });

  it.each(['eventId', 'campaignId', 'charityId', 'occurredAt', 'donor', 'schemaVersion'] as const)(
    'rejects an event without %s',
    (field) => {
      expect(issuesOf(without(aDonationEvent(), field))).toEqual([
        expect.stringMatching(new RegExp(`^${field}: `)),
      ]);
    },
  );

  it('rejects an unknown type', () => {
    expect(issuesOf({ ...aDonationEvent(), type: 'donation.pledged' })).toEqual([
      expect.stringMatching(/^type: /),
    ]);
  });

  it('rejects extra fields, at the top and in the donor', () => {
    const event = aDonationEvent();
    expect(issuesOf({ ...event, note: 'hi' })).toEqual([expect.stringMatching(/note/)]);
    expect(issuesOf({ ...event, donor: { ...event.donor, openid: 'o1' } })).toEqual([
      expect.stringMatching(/^donor: .*openid/),
    ]);
  });

  it('rejects a refund without refundId', () => {
    expect(issuesOf(without(aRefundEvent(), 'refundId'))).toEqual([
      expect.stringMatching(/^refundId: /),
    ]);
  });

  it('rejects a donation with a refundId', () => {
    expect(issuesOf({ ...aDonationEvent(), refundId: 'R1' })).toEqual([
      expect.stringMatching(/refundId/),
    ]);
  });

  it('rejects an eventId that does not match the fields', () => {
    const event = aDonationEvent();
    expect(issuesOf({ ...event, platformTxnId: 'another' })).toEqual([
      `eventId: ${EVENT_ID_MISMATCH}`,
    ]);
    const otherId = donationEventId({ ...event, platform: 'jd' });
    expect(issuesOf({ ...event, eventId: otherId })).toEqual([`eventId: ${EVENT_ID_MISMATCH}`]);
  });

  it('rejects a refund carrying the id of its donation', () => {
    const refund = aRefundEvent();
    const donationId = donationEventId({
      ...refund,
      type: 'donation.completed',
      refundId: undefined,
    });
    expect(issuesOf({ ...refund, eventId: donationId })).toEqual([`eventId: ${EVENT_ID_MISMATCH}`]);
  });

  it('rejects an invalid charity id', () => {
    expect(issuesOf({ ...aDonationEvent(), charityId: '91350100M000100Y44' })).toEqual([
      expect.stringMatching(/^charityId: .*check character/),
    ]);
  });

  it.each([
    '2024-09-09T10:00:00',
    '2024-02-30T10:00:00Z',
    '2024-09-09 10:00:00+08:00',
    '1725847200000',
    'yesterday',
  ])('rejects the instant %p', (occurredAt) => {
    expect(issuesOf({ ...aDonationEvent(), occurredAt })).toEqual([
      expect.stringMatching(/^occurredAt: /),
    ]);
  });

  it.each([
    ['platformTxnId', 'x'.repeat(129)],
    ['platformTxnId', ''],
    ['campaignId', 'x'.repeat(65)],
    ['campaignId', ''],
  ] as const)('rejects %s of bad length', (field, value) => {
    const event = { ...aDonationEvent(), [field]: value };
    const expected = field === 'platformTxnId' && value !== '' ? 2 : 1; // a long id changes eventId
    expect(issuesOf(event)).toContainEqual(expect.stringMatching(new RegExp(`^${field}: `)));
    expect(issuesOf(event)).toHaveLength(expected);
  });

  it('rejects an unknown platform', () => {
    expect(issuesOf({ ...aDonationEvent(), platform: 'paypal' })).toContainEqual(
      expect.stringMatching(/^platform: /),
    );
  });

  it('lists every problem, not only the first', () => {
    const issues = issuesOf({
      ...aDonationEvent(),
      amountMinor: 0,
      currency: 'XYZ',
      campaignId: '',
    });
    expect(issues).toHaveLength(3);
  });

  it('reports a non-object at the root', () => {
    expect(issuesOf('not json')).toEqual([expect.stringMatching(/^\(root\): /)]);
    expect(issuesOf(null)).toEqual([expect.stringMatching(/^\(root\): /)]);
  });

  it('narrows the type by the discriminator', () => {
    const event = DonationEventV1Schema.parse(aRefundEvent({ refundId: 'R9' }));
    expect(event.type === 'donation.refunded' ? event.refundId : undefined).toBe('R9');
  });
});
