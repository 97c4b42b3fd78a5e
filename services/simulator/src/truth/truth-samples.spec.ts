import type { Platform } from '@donations/contracts';
import { buildCatalog } from '../catalog/campaign-catalog';
import { factsOf } from '../journeys/facts';
import type { DonationPlan } from '../journeys/journey.types';
import { PlatformIds } from '../journeys/platform-ids';
import { truthSection } from '../report/run-summary';
import { aDonationPlan, refundsOf as refunds } from './donation-plan.builder';
import { GroundTruth } from './ground-truth';
import { spread, TruthSample } from './truth-samples';

const catalog = buildCatalog('samplerun', 3, 2);
const [first, second] = catalog.campaigns;
const ids = new PlatformIds('samplerun');
let seq = 0;

/** A donation of `platform` with its own transaction number, in the platform's format. */
function plan(platform: Platform, overrides: Partial<DonationPlan> = {}): DonationPlan {
  seq += 1;
  return aDonationPlan({
    platform,
    campaign: first,
    txnId: ids.transaction(platform, seq, '20260909'),
    amountMinor: 1000 + seq,
    currency: platform === 'stripe' ? 'USD' : 'CNY',
    donor: { index: seq, ageBand: '18-24', region: 'CN-GD', userId: `donor-${seq}` },
    ...overrides,
  });
}

function paid(truth: GroundTruth, donation: DonationPlan): DonationPlan {
  truth.accept(factsOf(donation, { kind: 'paid' }));
  return donation;
}

describe('the ground truth samples', () => {
  it('names counted donations by the txn the adapter emits, with campaign, charity and amount', () => {
    const truth = new GroundTruth();
    const donation = paid(truth, plan('alipay', { campaign: second }));
    expect(truth.samples(5).counted).toEqual([
      {
        platform: 'alipay',
        txn: donation.txnId,
        campaignId: second.campaignId,
        charityId: second.charityId,
        amountMinor: donation.amountMinor,
        currency: 'CNY',
        refundedMinor: 0,
      },
    ]);
    expect(truth.samples(5).refunded).toEqual([]);
  });

  it('spreads the samples over the platforms, up to the limit', () => {
    const truth = new GroundTruth();
    for (const platform of ['jd', 'jd', 'jd', 'tencent', 'stripe'] as const) {
      paid(truth, plan(platform));
    }
    const platforms = truth.samples(3).counted.map((sample) => sample.platform);
    expect(platforms).toEqual(['jd', 'tencent', 'stripe']);
    expect(truth.samples(10).counted).toHaveLength(5);
  });

  it('moves a donation refunded later from counted to refunded, with the sum of its refunds', () => {
    const truth = new GroundTruth();
    const donation = paid(truth, plan('tencent', { refunds: refunds(300, 200) }));
    paid(truth, plan('shuidi'));
    truth.accept(factsOf(donation, { kind: 'refund', refund: 0 }));
    truth.accept(factsOf(donation, { kind: 'refund', refund: 1 }));
    truth.accept(factsOf(donation, { kind: 'refund', refund: 1 }));
    const { counted, refunded } = truth.samples(5);
    expect(counted.map((sample) => sample.platform)).toEqual(['shuidi']);
    expect(refunded).toEqual([
      expect.objectContaining({
        txn: donation.txnId,
        amountMinor: donation.amountMinor,
        refundedMinor: 500,
      }),
    ]);
  });

  it("takes Alipay's cumulative refund_fee as the refunded total, in any order", () => {
    const truth = new GroundTruth();
    const trade = plan('alipay', { refunds: refunds(300, 200) });
    truth.accept(factsOf(trade, { kind: 'refund', refund: 1 }));
    truth.accept(factsOf(trade, { kind: 'refund', refund: 0 }));
    expect(truth.samples(5).refunded).toEqual([
      expect.objectContaining({
        txn: trade.txnId,
        refundedMinor: 500,
        amountMinor: trade.amountMinor,
      }),
    ]);
  });

  it('names a refund accepted before its donation only once the donation is accepted', () => {
    const truth = new GroundTruth();
    const donation = plan('jd', { refunds: refunds(400) });
    truth.accept(factsOf(donation, { kind: 'refund', refund: 0 }));
    expect(truth.samples(5)).toEqual({ counted: [], refunded: [] });
    paid(truth, donation);
    expect(truth.samples(5).refunded).toEqual([
      expect.objectContaining({ txn: donation.txnId, refundedMinor: 400 }),
    ]);
    expect(truth.samples(5).counted).toEqual([]);
  });

  it('leaves out a transaction with a delivery in doubt', () => {
    const truth = new GroundTruth();
    const doubtful = paid(truth, plan('jd'));
    const refunded = paid(truth, plan('tencent', { refunds: refunds(100) }));
    truth.accept(factsOf(refunded, { kind: 'refund', refund: 0 }));
    const sure = paid(truth, plan('jd'));
    truth.doubt('jd', doubtful.txnId);
    truth.doubt('tencent', refunded.txnId);
    expect(truth.samples(5)).toEqual({
      counted: [expect.objectContaining({ txn: sure.txnId })],
      refunded: [],
    });
  });

  it('keeps a bounded number of candidates however long the run', () => {
    const truth = new GroundTruth();
    const early = Array.from({ length: 5 }, () => paid(truth, plan('jd')));
    for (let n = 0; n < 500; n += 1) paid(truth, plan('jd'));
    expect(truth.samples(5).counted.map((sample) => sample.txn)).toEqual(early.map((p) => p.txnId));
  });

  it('writes the samples into the summary, with no donor field', () => {
    const truth = new GroundTruth();
    const donation = paid(truth, plan('stripe', { refunds: refunds(250) }));
    truth.accept(factsOf(donation, { kind: 'refund', refund: 0 }));
    paid(truth, plan('alipay'));
    const section = truthSection(truth);
    expect(section.samples.counted).toHaveLength(1);
    expect(section.samples.refunded).toEqual([
      expect.objectContaining({ platform: 'stripe', txn: donation.txnId, refundedMinor: 250 }),
    ]);
    const json = JSON.stringify(section.samples);
    expect(json).not.toMatch(/donor/);
    expect(json).not.toContain(donation.donor.userId);
  });
});

describe('spread', () => {
  const sample = (platform: Platform, txn: string): TruthSample => ({
    platform,
    txn,
    campaignId: 'C',
    charityId: 'U',
    amountMinor: 1,
    currency: 'CNY',
    refundedMinor: 0,
  });

  it('takes each platform in turn, in the order they came', () => {
    const samples = [
      sample('jd', 'j1'),
      sample('jd', 'j2'),
      sample('alipay', 'a1'),
      sample('jd', 'j3'),
    ];
    expect(spread(samples, 3).map((s) => s.txn)).toEqual(['j1', 'a1', 'j2']);
    expect(spread(samples, 9).map((s) => s.txn)).toEqual(['j1', 'a1', 'j2', 'j3']);
    expect(spread([], 5)).toEqual([]);
  });
});
