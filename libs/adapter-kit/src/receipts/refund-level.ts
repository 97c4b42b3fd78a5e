/**
 * How an adapter decides a transaction's refunds, whatever the order in which webhooks and
 * statement rows report them (pure: no clock, no I/O).
 *
 * Platforms report refunds in two ways:
 * - `single`: one refund, with an id of its own and its own amount (Stripe `re_…`, WeChat Pay
 *   `refund_id`, a statement's refund row);
 * - `cumulative`: the transaction's refunded total so far (Alipay `refund_fee`, Stripe
 *   `charge.refunded` `amount_refunded`).
 *
 * refunded(txn) = min(donation, max(sum of the DISTINCT single refunds, largest cumulative)).
 * A sum over a set and a max over a set do not depend on order or repetition; each term is a
 * lower bound of the truth, and both reach it once everything has arrived. The adapter emits the
 * rise of that level as one refund event whose refundId names the new level (`level:<minor>`), so
 * a retry from the same state yields the same eventId and is counted once downstream.
 */
export type RefundBasis = 'single' | 'cumulative';

export interface RefundObservation {
  basis: RefundBasis;
  /** The refund's id (single), or any stable name of the figure (cumulative). */
  key: string;
  amountMinor: number;
}

/** The refunded level the observations prove, capped at the donation when it is known. */
export function refundedLevel(
  observations: readonly RefundObservation[],
  capMinor?: number,
): number {
  const singles = new Map<string, number>();
  let cumulative = 0;
  for (const { basis, key, amountMinor } of observations) {
    if (basis === 'cumulative') cumulative = Math.max(cumulative, amountMinor);
    else singles.set(key, Math.max(singles.get(key) ?? 0, amountMinor));
  }
  let sum = 0;
  for (const amount of singles.values()) sum += amount;
  const level = Math.max(sum, cumulative);
  return capMinor === undefined ? level : Math.min(level, capMinor);
}

export interface RefundStep {
  /** `level:<minor>`: the refunded level this event brings the transaction to. */
  refundId: string;
  level: number;
  /** What this event adds to the refunded total (design.md's refund amountMinor). */
  amountMinor: number;
}

/** The refund event that brings the emitted level up to `level`; none when it is not higher. */
export function nextRefund(level: number, issuedLevel: number): RefundStep | undefined {
  if (level <= issuedLevel) return undefined;
  return { refundId: levelRefundId(level), level, amountMinor: level - issuedLevel };
}

export function levelRefundId(level: number): string {
  return `level:${level}`;
}
