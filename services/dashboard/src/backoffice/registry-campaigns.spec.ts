import { mergeCampaignRows, RegistryCampaignRow } from './registry-campaigns';

const row = (overrides: Partial<RegistryCampaignRow> = {}): RegistryCampaignRow => ({
  platform: 'alipay',
  platformProjectId: 'ali-1',
  campaignId: 'clean-water',
  title: '安全饮水',
  filingNumber: '53110000MJ0001',
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  ...overrides,
});

describe('mergeCampaignRows', () => {
  it("merges a campaign's platform rows into one campaign listing every platform id", () => {
    const [campaign, ...others] = mergeCampaignRows([
      row(),
      row({ platform: 'tencent', platformProjectId: 'tx-1' }),
    ]);

    expect(others).toEqual([]);
    expect(campaign).toEqual({
      campaignId: 'clean-water',
      title: '安全饮水',
      filingNumber: '53110000MJ0001',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      platforms: [
        { platform: 'alipay', platformProjectId: 'ali-1' },
        { platform: 'tencent', platformProjectId: 'tx-1' },
      ],
      conflicts: [],
    });
  });

  it('takes the earliest start and the latest end, and names the fields the rows disagree on', () => {
    const [campaign] = mergeCampaignRows([
      row({ startsOn: '2026-02-01', endsOn: '2026-06-30', title: '安全饮水' }),
      row({ platform: 'jd', startsOn: '2026-01-15', endsOn: '2026-09-30', title: '安全饮水 二期' }),
    ]);

    expect(campaign).toMatchObject({
      title: '安全饮水',
      startsOn: '2026-01-15',
      endsOn: '2026-09-30',
      conflicts: ['title', 'startsOn', 'endsOn'],
    });
  });

  it('fills a field from a row that has it when the first registered row has none', () => {
    const [campaign] = mergeCampaignRows([
      row({ title: null, filingNumber: null, startsOn: null, endsOn: null }),
      row({ platform: 'shuidi', filingNumber: null, startsOn: '2026-03-01', endsOn: null }),
    ]);

    expect(campaign).toMatchObject({
      title: '安全饮水',
      filingNumber: null,
      startsOn: '2026-03-01',
      endsOn: null,
      conflicts: [],
    });
  });

  it('keeps campaigns apart, by id', () => {
    const campaigns = mergeCampaignRows([
      row({ campaignId: 'b-campaign' }),
      row({ campaignId: 'a-campaign', platformProjectId: 'ali-2' }),
    ]);

    expect(campaigns.map((c) => c.campaignId)).toEqual(['a-campaign', 'b-campaign']);
  });
});
