import type { IssuedRefund, RefundReport } from './refund-state.repository';
import { nextRefund, RefundObservation, refundedLevel } from './refund-level';

/**
 * RefundStateRepository's rule without PostgreSQL, for mapping unit specs: what settleRefunds
 * returns, assuming every returned refund was sent and recorded.
 */
export class InMemoryRefundState {
  private readonly observations = new Map<string, RefundObservation[]>();
  private readonly levels = new Map<string, number>();

  settle(report: Omit<RefundReport, 'source'>): Promise<IssuedRefund[]> {
    const txn = report.platformTxnId;
    const seen = [...(this.observations.get(txn) ?? []), ...report.observations];
    this.observations.set(txn, seen);
    const step = nextRefund(refundedLevel(seen, report.capMinor), this.levels.get(txn) ?? 0);
    if (!step) return Promise.resolve([]);
    this.levels.set(txn, step.level);
    return Promise.resolve([
      {
        platformTxnId: txn,
        refundId: step.refundId,
        amountMinor: step.amountMinor,
        campaignId: report.campaign.campaignId,
        charityId: report.campaign.charityId,
        currency: report.currency,
        occurredAt: report.occurredAt,
      },
    ]);
  }
}
