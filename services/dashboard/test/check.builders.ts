import { LedgerEventView, VerificationView, VerificationViewSchema } from '@donations/contracts';

export const CHECK_CHARITY = '53100000500021676Q';
export const CHECK_CAMPAIGN = 'CAMP-CHECK-1';

/** A counted donation row of the ledger as GET /donations/verify gives it, with overrides. */
export function aLedgerEvent(overrides: Partial<LedgerEventView> = {}): LedgerEventView {
  return {
    eventId: '5f0b7c1e-0000-4000-8000-000000000001',
    type: 'donation.completed',
    refundId: null,
    amountMinor: '8888',
    currency: 'CNY',
    status: 'counted',
    rejection: null,
    occurredAt: '2026-09-09T01:58:00.000Z',
    recordedAt: '2026-09-09T01:58:02.000Z',
    ...overrides,
  };
}

/** A counted refund row of `amountMinor` (its ids follow from the amount). */
export function aRefundEvent(
  amountMinor: string,
  overrides: Partial<LedgerEventView> = {},
): LedgerEventView {
  return aLedgerEvent({
    eventId: `5f0b7c1e-0000-4000-8000-${amountMinor.padStart(12, '0').slice(-12)}`,
    type: 'donation.refunded',
    refundId: `RF-${amountMinor}`,
    amountMinor,
    occurredAt: '2026-09-09T03:00:00.000Z',
    recordedAt: '2026-09-09T03:00:01.000Z',
    ...overrides,
  });
}

/**
 * The aggregator's answer for a transaction with these rows, parsed with its contract; the
 * donation counts when a counted donation row is among them, unless overridden.
 */
export function aVerification(
  platform: string,
  txn: string,
  events: LedgerEventView[],
  overrides: Partial<VerificationView> = {},
): VerificationView {
  return VerificationViewSchema.parse({
    platform,
    platformTxnId: txn,
    donationCounted: events.some((e) => e.type === 'donation.completed' && e.status === 'counted'),
    campaignId: CHECK_CAMPAIGN,
    charityId: CHECK_CHARITY,
    events,
    ...overrides,
  });
}
