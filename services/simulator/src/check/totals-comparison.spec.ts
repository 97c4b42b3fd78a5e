import type { TotalsByCurrency } from '@donations/contracts';
import { buildCatalog } from '../catalog/campaign-catalog';
import { factsOf } from '../journeys/facts';
import type { DonationPlan } from '../journeys/journey.types';
import { GroundTruth } from '../truth/ground-truth';
import {
  differences,
  flatHttp,
  flatOverview,
  flatTopic,
  flatTruth,
  withoutPlatforms,
} from './totals-comparison';

const campaign = buildCatalog('cmp', 1, 1).campaigns[0];
const plan: DonationPlan = {
  platform: 'tencent',
  campaign,
  txnId: '42000001',
  amountMinor: 500,
  currency: 'CNY',
  occurredAt: new Date('2026-09-09T02:00:00Z'),
  donor: { index: 0, ageBand: '18-24', region: 'CN-GD', userId: 'o1' },
  refunds: [
    {
      refundId: 'R1',
      amountMinor: 200,
      cumulativeMinor: 200,
      occurredAt: new Date('2026-09-09T02:01:00Z'),
    },
  ],
};

function truth() {
  const ledger = new GroundTruth();
  ledger.accept(factsOf(plan, { kind: 'paid' }));
  ledger.accept(factsOf(plan, { kind: 'refund', refund: 0 }));
  return flatTruth(ledger.campaigns().get(campaign.campaignId));
}

const topic: TotalsByCurrency = {
  CNY: {
    raisedMinor: 500,
    refundedMinor: 200,
    netMinor: 300,
    donationCount: 1,
    refundCount: 1,
    byPlatform: {
      tencent: { raisedMinor: 500, refundedMinor: 200, donationCount: 1, refundCount: 1 },
    },
  },
};

const http = {
  CNY: {
    raisedMinor: '500',
    refundedMinor: '200',
    netMinor: '300',
    donationCount: '1',
    refundCount: '1',
    byPlatform: {
      tencent: { raisedMinor: '500', refundedMinor: '200', donationCount: '1', refundCount: '1' },
    },
  },
};

describe('totals comparison', () => {
  it('finds no difference when the topic and the HTTP view hold the truth', () => {
    expect(differences('c', truth(), flatTopic(topic))).toEqual([]);
    expect(differences('c', truth(), flatHttp(http))).toEqual([]);
  });

  it('names each counter that differs, with both values', () => {
    const behind = {
      ...http,
      CNY: { ...http.CNY, refundedMinor: '0', netMinor: '500', refundCount: '0' },
    };
    expect(differences('campaign x (http)', truth(), flatHttp(behind))).toEqual([
      'campaign x (http): CNY.netMinor expected 300, got 500',
      'campaign x (http): CNY.refundCount expected 1, got 0',
      'campaign x (http): CNY.refundedMinor expected 200, got 0',
    ]);
  });

  it('reports a key the system does not know, and totals the simulator never sent', () => {
    expect(differences('c', truth(), flatHttp(undefined))).toContain(
      'c: CNY.raisedMinor expected 500, got (none)',
    );
    const extra = { ...topic, USD: { ...topic.CNY!, byPlatform: {} } };
    expect(differences('c', truth(), flatTopic(extra))).toContain(
      'c: USD.raisedMinor expected 0, got 500',
    );
    expect(differences('c', flatTruth(undefined), flatHttp(undefined))).toEqual([]);
  });

  it("finds the statistics' overview equal to the aggregator's figures, platforms aside", () => {
    const overview = {
      CNY: {
        raisedMinor: 500,
        refundedMinor: 200,
        netMinor: 300,
        donationCount: 1,
        refundCount: 1,
      },
    };
    expect(differences('s', withoutPlatforms(flatHttp(http)), flatOverview(overview))).toEqual([]);
    expect(differences('s', flatHttp(http), flatOverview(overview))).toContain(
      's: CNY.byPlatform.tencent.raisedMinor expected 500, got (none)',
    );
  });

  it('names what the statistics count differently from the aggregator', () => {
    const counted = {
      CNY: { raisedMinor: 500, refundedMinor: 0, netMinor: 500, donationCount: 1, refundCount: 0 },
    };
    expect(
      differences(
        'campaign x (statistics vs aggregator)',
        withoutPlatforms(flatHttp(http)),
        flatOverview(counted),
      ),
    ).toEqual([
      'campaign x (statistics vs aggregator): CNY.netMinor expected 300, got 500',
      'campaign x (statistics vs aggregator): CNY.refundCount expected 1, got 0',
      'campaign x (statistics vs aggregator): CNY.refundedMinor expected 200, got 0',
    ]);
    expect(
      differences('s', withoutPlatforms(flatHttp(undefined)), flatOverview(undefined)),
    ).toEqual([]);
  });
});
