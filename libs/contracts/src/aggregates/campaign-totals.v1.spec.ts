import { CampaignTotalsV1, CampaignTotalsV1Schema } from './campaign-totals.v1';

function aCampaignTotals(overrides: Partial<CampaignTotalsV1> = {}): CampaignTotalsV1 {
  return {
    campaignId: 'campaign-1',
    version: 3,
    totals: {
      CNY: {
        raisedMinor: 3000,
        refundedMinor: 500,
        netMinor: 2500,
        donationCount: 2,
        refundCount: 1,
        byPlatform: {
          alipay: { raisedMinor: 1000, refundedMinor: 500, donationCount: 1, refundCount: 1 },
          tencent: { raisedMinor: 2000, refundedMinor: 0, donationCount: 1, refundCount: 0 },
        },
      },
    },
    firstEventAt: '2024-09-09T10:00:00.000+08:00',
    lastEventAt: '2024-09-09T10:05:00.000+08:00',
    updatedAt: '2024-09-09T02:05:01.000Z',
    ...overrides,
  };
}

function issues(value: unknown): string[] {
  const result = CampaignTotalsV1Schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('aggregates.campaign-totals.v1', () => {
  it('accepts totals per currency with a per-platform breakdown', () => {
    expect(issues(aCampaignTotals())).toEqual([]);
  });

  it('accepts a negative net while a refund precedes its donation', () => {
    const totals = {
      USD: {
        raisedMinor: 0,
        refundedMinor: 700,
        netMinor: -700,
        donationCount: 0,
        refundCount: 1,
        byPlatform: {
          stripe: { raisedMinor: 0, refundedMinor: 700, donationCount: 0, refundCount: 1 },
        },
      },
    };
    expect(issues(aCampaignTotals({ totals }))).toEqual([]);
  });

  it('accepts a campaign with no currency yet', () => {
    expect(issues(aCampaignTotals({ totals: {} }))).toEqual([]);
  });

  it('rejects a net that is not raised minus refunded', () => {
    const totals = aCampaignTotals().totals;
    const cny = { ...totals.CNY!, netMinor: 3000 };
    expect(issues(aCampaignTotals({ totals: { CNY: cny } }))).toEqual([
      'totals.CNY.netMinor: must equal raised - refunded',
    ]);
  });

  it('rejects platform totals that do not add up', () => {
    const cny = aCampaignTotals().totals.CNY!;
    const byPlatform = { alipay: cny.byPlatform.alipay! };
    expect(issues(aCampaignTotals({ totals: { CNY: { ...cny, byPlatform } } }))).toEqual([
      'totals.CNY.byPlatform: raisedMinor does not add up',
      'totals.CNY.byPlatform: donationCount does not add up',
    ]);
  });

  it.each([
    ['an unknown currency', { totals: { XYZ: aCampaignTotals().totals.CNY } }],
    ['version 0', { version: 0 }],
    ['a fractional version', { version: 1.5 }],
    ['an instant without offset', { lastEventAt: '2024-09-09T10:05:00' }],
    ['an extra field', { charityName: 'x' }],
  ])('rejects %s', (_name, overrides) => {
    expect(issues({ ...aCampaignTotals(), ...overrides })).not.toEqual([]);
  });

  it('rejects an unknown platform in the breakdown', () => {
    const cny = aCampaignTotals().totals.CNY!;
    const byPlatform = {
      paypal: { raisedMinor: 3000, refundedMinor: 500, donationCount: 2, refundCount: 1 },
    };
    expect(issues({ ...aCampaignTotals(), totals: { CNY: { ...cny, byPlatform } } })).not.toEqual(
      [],
    );
  });

  it('rejects missing fields', () => {
    const { updatedAt: _omitted, ...rest } = aCampaignTotals();
    expect(issues(rest)).toEqual([expect.stringMatching(/^updatedAt: /)]);
  });
});
