import { makeUscc } from '../charity/uscc';
import { CharityRollupV1, CharityRollupV1Schema } from './charity-rollups.v1';

function aCharityRollup(overrides: Partial<CharityRollupV1> = {}): CharityRollupV1 {
  return {
    charityId: makeUscc('53100000500021676'),
    version: 7,
    campaignCount: 2,
    totals: {
      CNY: {
        raisedMinor: 1000,
        refundedMinor: 0,
        netMinor: 1000,
        donationCount: 1,
        refundCount: 0,
        byPlatform: {
          jd: { raisedMinor: 1000, refundedMinor: 0, donationCount: 1, refundCount: 0 },
        },
      },
    },
    firstEventAt: '2024-09-09T10:00:00+08:00',
    lastEventAt: '2024-09-09T10:00:00+08:00',
    updatedAt: '2024-09-09T02:00:01Z',
    ...overrides,
  };
}

describe('aggregates.charity-rollups.v1', () => {
  it('accepts a charity roll-up with its campaign count', () => {
    expect(CharityRollupV1Schema.safeParse(aCharityRollup()).success).toBe(true);
  });

  it('rejects a charity id with a wrong check character', () => {
    const result = CharityRollupV1Schema.safeParse(
      aCharityRollup({ charityId: '531000005000216760' }),
    );
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['charityId']);
  });

  it('rejects a negative or fractional campaign count', () => {
    expect(CharityRollupV1Schema.safeParse(aCharityRollup({ campaignCount: -1 })).success).toBe(
      false,
    );
    expect(CharityRollupV1Schema.safeParse(aCharityRollup({ campaignCount: 1.5 })).success).toBe(
      false,
    );
  });

  it('rejects a roll-up without campaign count', () => {
    const { campaignCount: _omitted, ...rest } = aCharityRollup();
    expect(CharityRollupV1Schema.safeParse(rest).success).toBe(false);
  });
});
