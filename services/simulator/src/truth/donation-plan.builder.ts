import type { DonationPlan, RefundPlan } from '../journeys/journey.types';

/** A donation of the given campaign as the planner makes it (a 水滴 one of ¥10 unless told). */
export function aDonationPlan(
  overrides: Partial<DonationPlan> & Pick<DonationPlan, 'campaign'>,
): DonationPlan {
  return {
    platform: 'shuidi',
    txnId: 'T1',
    amountMinor: 1000,
    currency: 'CNY',
    occurredAt: new Date('2026-09-09T02:00:00Z'),
    donor: { index: 1, ageBand: '18-24', region: 'CN-GD', userId: 'u1' },
    refunds: [],
    ...overrides,
  };
}

/** Refunds R1, R2, ... of these amounts, each with the cumulative amount refunded so far. */
export const refundsOf = (...amounts: number[]): RefundPlan[] =>
  amounts.map((amountMinor, n) => ({
    refundId: `R${n + 1}`,
    amountMinor,
    cumulativeMinor: amounts.slice(0, n + 1).reduce((sum, amount) => sum + amount, 0),
    occurredAt: new Date('2026-09-09T02:05:00Z'),
  }));
