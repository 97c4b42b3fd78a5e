import { isValidUscc, PLATFORMS } from '@donations/contracts';
import { buildCatalog } from './campaign-catalog';

describe('buildCatalog', () => {
  const catalog = buildCatalog('m3run1abc', 30, 7);

  it('gives every charity a valid, distinct 统一社会信用代码 of a foundation', () => {
    expect(catalog.charityIds).toHaveLength(7);
    expect(catalog.charityIds.every(isValidUscc)).toBe(true);
    expect(catalog.charityIds.every((id) => id.startsWith('53'))).toBe(true);
    expect(new Set(catalog.charityIds).size).toBe(7);
  });

  it('gives distinct campaign and project ids within the limits, one viral campaign', () => {
    const ids = catalog.campaigns.map((campaign) => campaign.campaignId);
    expect(new Set(ids).size).toBe(30);
    expect(ids.every((id) => id.length <= 64 && id.endsWith('m3run1abc'))).toBe(true);
    for (const platform of PLATFORMS) {
      const projects = catalog.campaigns.map((campaign) => campaign.projectIds[platform]);
      expect(new Set(projects).size).toBe(30);
    }
    const merchants = catalog.campaigns.map((campaign) => campaign.tencentSubMchid);
    expect(new Set(merchants).size).toBe(30);
    expect(merchants.every((id) => /^\d{12}$/.test(id))).toBe(true);
    expect(catalog.campaigns.filter((campaign) => campaign.viral)).toHaveLength(1);
  });

  it('is the same for the same run and different for another', () => {
    expect(buildCatalog('m3run1abc', 30, 7)).toEqual(catalog);
    expect(buildCatalog('m3run2abc', 30, 7).charityIds).not.toEqual(catalog.charityIds);
  });
});
