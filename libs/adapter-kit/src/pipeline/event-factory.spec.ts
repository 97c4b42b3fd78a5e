import { donationEventId, makeUscc } from '@donations/contracts';
import { toDonationEvent } from './event-factory';
import type { DonationDraft } from './platform-mapping';
import { WebhookError } from './webhook.errors';

const context = {
  platform: 'shuidi' as const,
  receivedAt: new Date('2026-09-09T02:00:02Z'),
  correlationId: 'corr-1',
  donorHashKey: 'k'.repeat(32),
};

const draft = (overrides: Partial<DonationDraft> = {}): DonationDraft => ({
  type: 'donation.completed',
  platformTxnId: 'order-1',
  campaignId: 'campaign-1',
  charityId: makeUscc('53100000500021676'),
  amountMinor: 500,
  currency: 'CNY',
  occurredAt: '2026-09-09T10:00:01+08:00',
  donor: { platformUserId: 'user-42', ageBand: '18-24' },
  ...overrides,
});

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof WebhookError ? error.code : 'not a WebhookError';
  }
  return undefined;
}

describe('toDonationEvent', () => {
  it('adds the deterministic eventId, the envelope and a keyed donor hash', () => {
    const event = toDonationEvent(draft(), context);
    expect(event.eventId).toBe(
      donationEventId({ platform: 'shuidi', type: 'donation.completed', platformTxnId: 'order-1' }),
    );
    expect(event.receivedAt).toBe('2026-09-09T02:00:02.000Z');
    expect(event.donor.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(event)).not.toContain('user-42');
  });

  it('gives the same donor hash to the same user, and a per-donation one to anonymous donors', () => {
    const a = toDonationEvent(draft({ platformTxnId: 'a' }), context);
    const b = toDonationEvent(draft({ platformTxnId: 'b' }), context);
    const anonymousA = toDonationEvent(draft({ platformTxnId: 'a', donor: {} }), context);
    const anonymousB = toDonationEvent(draft({ platformTxnId: 'b', donor: {} }), context);
    expect(a.donor.hash).toBe(b.donor.hash);
    expect(anonymousA.donor.hash).not.toBe(anonymousB.donor.hash);
  });

  it.each([
    ['a negative amount', { amountMinor: -1 }, 'WEBHOOK.INVALID_AMOUNT'],
    ['a fractional amount', { amountMinor: 1.5 }, 'WEBHOOK.INVALID_AMOUNT'],
    ['an unknown currency', { currency: 'XYZ' }, 'WEBHOOK.UNKNOWN_CURRENCY'],
    ['a bad USCC check character', { charityId: '91350100M000100Y44' }, 'WEBHOOK.INVALID_CHARITY'],
    ['a refund without refund id', { type: 'donation.refunded' as const }, 'WEBHOOK.INVALID_EVENT'],
    ['a bad occurredAt', { occurredAt: 'yesterday' }, 'WEBHOOK.INVALID_EVENT'],
  ])('rejects %s with its own code', (_name, overrides, code) => {
    expect(codeOf(() => toDonationEvent(draft(overrides), context))).toBe(code);
  });
});
