import { buildCatalog } from '../catalog/campaign-catalog';
import { factsOf } from '../journeys/facts';
import type { DonationPlan } from '../journeys/journey.types';
import { aDonationPlan, refundsOf as refunds } from './donation-plan.builder';
import { GroundTruth } from './ground-truth';

const catalog = buildCatalog('truthrun', 3, 2);
const [first, second, third] = catalog.campaigns;

const plan = (overrides: Partial<DonationPlan>) => aDonationPlan({ campaign: first, ...overrides });
describe('GroundTruth', () => {
  it('counts a re-sent donation once', () => {
    const truth = new GroundTruth();
    const donation = plan({});
    truth.accept(factsOf(donation, { kind: 'paid' }));
    truth.accept(factsOf(donation, { kind: 'paid' }));
    expect(truth.campaigns().get(first.campaignId)?.get('CNY')).toEqual({
      raisedMinor: 1000,
      refundedMinor: 0,
      donationCount: 1,
      refundCount: 0,
      byPlatform: {
        shuidi: { raisedMinor: 1000, refundedMinor: 0, donationCount: 1, refundCount: 0 },
      },
    });
    expect(truth.donationCount).toBe(1);
  });

  it("counts Stripe's checkout.session.completed and charge.succeeded of one payment once", () => {
    const truth = new GroundTruth();
    const payment = plan({ platform: 'stripe', currency: 'USD', txnId: 'pi_1' });
    truth.accept(factsOf(payment, { kind: 'paid' }));
    truth.accept(factsOf(payment, { kind: 'charge' }));
    expect(truth.grandTotals().get('USD')).toMatchObject({ raisedMinor: 1000, donationCount: 1 });
  });

  it("counts Stripe's charge.refunded by the rises of amount_refunded: two refunds arriving newest first are one", () => {
    const truth = new GroundTruth();
    // Even last character: this payment reports charge.refunded (stripe-refunds.ts).
    const payment = plan({
      platform: 'stripe',
      currency: 'USD',
      txnId: 'pi_2',
      refunds: refunds(300, 200),
    });
    truth.accept(factsOf(payment, { kind: 'paid' }));
    truth.accept(factsOf(payment, { kind: 'refund', refund: 1 }));
    truth.accept(factsOf(payment, { kind: 'refund', refund: 0 }));
    expect(truth.grandTotals().get('USD')).toMatchObject({ refundedMinor: 500, refundCount: 1 });
  });

  it("counts Stripe's refund.created per re_ id, whatever the order", () => {
    const truth = new GroundTruth();
    // Odd last character: this payment reports refund.created.
    const payment = plan({
      platform: 'stripe',
      currency: 'USD',
      txnId: 'pi_1',
      refunds: refunds(300, 200),
    });
    truth.accept(factsOf(payment, { kind: 'refund', refund: 1 }));
    truth.accept(factsOf(payment, { kind: 'refund', refund: 0 }));
    truth.accept(factsOf(payment, { kind: 'refund', refund: 1 }));
    expect(truth.grandTotals().get('USD')).toMatchObject({ refundedMinor: 500, refundCount: 2 });
  });

  it('counts a refund accepted before its donation, and each refund id once', () => {
    const truth = new GroundTruth();
    const refunded = plan({ platform: 'jd', refunds: refunds(300, 200) });
    truth.accept(factsOf(refunded, { kind: 'refund', refund: 1 }));
    truth.accept(factsOf(refunded, { kind: 'refund', refund: 1 }));
    expect(truth.grandTotals().get('CNY')).toMatchObject({
      raisedMinor: 0,
      refundedMinor: 200,
      refundCount: 1,
    });
    truth.accept(factsOf(refunded, { kind: 'paid' }));
    truth.accept(factsOf(refunded, { kind: 'refund', refund: 0 }));
    expect(truth.grandTotals().get('CNY')).toMatchObject({
      raisedMinor: 1000,
      refundedMinor: 500,
      donationCount: 1,
      refundCount: 2,
    });
  });

  it("follows Alipay's cumulative refund_fee: a later notify overtaking an earlier one counts once", () => {
    const truth = new GroundTruth();
    const trade = plan({ platform: 'alipay', refunds: refunds(300, 200) });
    // The second refund's notify (refund_fee 5.00) arrives first: it proves the payment too.
    truth.accept(factsOf(trade, { kind: 'refund', refund: 1 }));
    truth.accept(factsOf(trade, { kind: 'refund', refund: 0 }));
    truth.accept(factsOf(trade, { kind: 'paid' }));
    expect(truth.grandTotals().get('CNY')).toMatchObject({
      raisedMinor: 1000,
      refundedMinor: 500,
      donationCount: 1,
      refundCount: 1,
    });
  });

  it('rolls campaigns up into their charity and keeps currencies apart', () => {
    const truth = new GroundTruth();
    expect(third.charityId).toBe(first.charityId);
    truth.accept(factsOf(plan({ txnId: 'A' }), { kind: 'paid' }));
    truth.accept(factsOf(plan({ txnId: 'B', campaign: third, amountMinor: 50 }), { kind: 'paid' }));
    truth.accept(factsOf(plan({ txnId: 'C', campaign: second, amountMinor: 7 }), { kind: 'paid' }));
    truth.accept(
      factsOf(plan({ txnId: 'pi_D', platform: 'stripe', currency: 'EUR' }), { kind: 'paid' }),
    );
    expect(truth.charities().get(first.charityId)?.get('CNY')).toMatchObject({
      raisedMinor: 1050,
      donationCount: 2,
    });
    expect(truth.charities().get(second.charityId)?.get('CNY')).toMatchObject({ raisedMinor: 7 });
    expect([...truth.grandTotals().keys()].sort()).toEqual(['CNY', 'EUR']);
    expect(truth.grandTotals().get('EUR')?.byPlatform).toEqual({
      stripe: { raisedMinor: 1000, refundedMinor: 0, donationCount: 1, refundCount: 0 },
    });
  });
});
