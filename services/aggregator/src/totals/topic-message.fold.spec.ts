import {
  aDonationEvent,
  aRefundEvent,
  CampaignTotalsV1Schema,
  CharityRollupV1Schema,
} from '@donations/contracts';
import { foldBatch } from './batch.fold';
import { applyCharityDelta, applyDelta } from './state.fold';
import { toCampaignTotalsMessage, toCharityRollupMessage } from './topic-message.fold';
import { AggregateError } from './totals.errors';
import { CampaignTotalsState, CharityTotalsState } from './totals.types';

const NOW = new Date('2024-09-09T02:05:01.000Z');

function fold(events: Parameters<typeof foldBatch>[0]): {
  campaign: CampaignTotalsState;
  charity: CharityTotalsState;
} {
  const { campaigns, charities } = foldBatch(events, new Set()).deltas;
  let campaign: CampaignTotalsState | undefined;
  for (const delta of campaigns.values()) {
    if (delta.campaignId === 'campaign-1') campaign = applyDelta(campaign, delta);
  }
  let charity: CharityTotalsState | undefined;
  for (const delta of charities.values()) charity = applyCharityDelta(charity, delta);
  return { campaign: campaign!, charity: charity! };
}

const MIXED = [
  aDonationEvent({ platform: 'alipay', amountMinor: 1000 }),
  aDonationEvent({ platform: 'tencent', amountMinor: 2000, currency: 'USD' }),
  aDonationEvent({ platform: 'stripe', amountMinor: 500, currency: 'USD' }),
  aRefundEvent({ platform: 'stripe', amountMinor: 200, currency: 'USD' }),
];

describe('toCampaignTotalsMessage', () => {
  it('produces a value that aggregates.campaign-totals.v1 accepts', () => {
    const message = toCampaignTotalsMessage(fold(MIXED).campaign, NOW);
    expect(CampaignTotalsV1Schema.safeParse(message).error?.issues).toBeUndefined();
    expect(message.version).toBe(2);
    expect(message.updatedAt).toBe('2024-09-09T02:05:01.000Z');
    expect(message.totals.USD).toEqual({
      raisedMinor: 2500,
      refundedMinor: 200,
      netMinor: 2300,
      donationCount: 2,
      refundCount: 1,
      byPlatform: {
        tencent: { raisedMinor: 2000, refundedMinor: 0, donationCount: 1, refundCount: 0 },
        stripe: { raisedMinor: 500, refundedMinor: 200, donationCount: 1, refundCount: 1 },
      },
    });
  });

  it('produces a valid value while a refund precedes its donation', () => {
    const message = toCampaignTotalsMessage(
      fold([aRefundEvent({ amountMinor: 700 })]).campaign,
      NOW,
    );
    expect(CampaignTotalsV1Schema.safeParse(message).success).toBe(true);
    expect(message.totals.CNY?.netMinor).toBe(-700);
  });

  it('rejects a state beyond the safe integer range with AGGREGATE.OVERFLOW', () => {
    const { campaign } = fold([aDonationEvent()]);
    const cny = campaign.totals.get('CNY')!;
    const huge = { ...cny, raisedMinor: BigInt(Number.MAX_SAFE_INTEGER) + 1n };
    const state = { ...campaign, totals: new Map([['CNY' as const, huge]]) };
    expect(() => toCampaignTotalsMessage(state, NOW)).toThrow(AggregateError);
    expect(() => toCampaignTotalsMessage(state, NOW)).toThrow(/CNY.raisedMinor/);
  });
});

describe('toCharityRollupMessage', () => {
  it('produces a value that aggregates.charity-rollups.v1 accepts', () => {
    const events = [...MIXED, aDonationEvent({ campaignId: 'campaign-2', amountMinor: 9 })];
    const message = toCharityRollupMessage(fold(events).charity, 2, NOW);
    expect(CharityRollupV1Schema.safeParse(message).error?.issues).toBeUndefined();
    expect(message.campaignCount).toBe(2);
    expect(message.totals.CNY?.raisedMinor).toBe(1009);
  });

  it('refuses a campaign count that is not a non-negative integer', () => {
    const { charity } = fold([aDonationEvent()]);
    expect(() => toCharityRollupMessage(charity, -1, NOW)).toThrow(RangeError);
    expect(() => toCharityRollupMessage(charity, 1.5, NOW)).toThrow(RangeError);
  });
});
