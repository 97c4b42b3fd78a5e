import { ErrorBodySchema } from './error-body';
import { RebuildViewSchema } from './rebuild.view';
import { LeaderboardAnswerSchema } from './stats.views';
import { CampaignTotalsView, CampaignTotalsViewSchema } from './totals.views';

const counters = {
  raisedMinor: '3000',
  refundedMinor: '500',
  donationCount: '2',
  refundCount: '1',
};

function aCampaignView(overrides: Record<string, unknown> = {}): CampaignTotalsView {
  return {
    campaignId: 'campaign-1',
    charityId: '53100000500021676',
    totals: {
      CNY: {
        ...counters,
        netMinor: '2500',
        byPlatform: { alipay: counters },
        firstEventAt: '2024-09-09T02:00:00.000Z',
        lastEventAt: '2024-09-09T02:05:00.000Z',
      },
    },
    firstEventAt: '2024-09-09T02:00:00.000Z',
    lastEventAt: '2024-09-09T02:05:00.000Z',
    version: 3,
    ...overrides,
  };
}

const issues = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? [] : result.error!.issues.map((issue) => issue.message);

describe('HTTP view contracts', () => {
  it('accept the aggregator campaign view with amounts as decimal text beyond 2^53', () => {
    const huge = aCampaignView({
      totals: { CNY: { ...aCampaignView().totals.CNY, raisedMinor: '90071992547409930' } },
    });
    expect(issues(CampaignTotalsViewSchema.safeParse(huge))).toEqual([]);
  });

  it.each([
    [
      'an amount as a JSON number',
      { totals: { CNY: { ...aCampaignView().totals.CNY, netMinor: 2500 } } },
    ],
    ['a field the contract does not name', { donors: 3 }],
    ['an instant without offset', { lastEventAt: '2024-09-09T10:05:00' }],
    ['a negative version', { version: -1 }],
  ])('reject a campaign view with %s', (_, overrides) => {
    expect(CampaignTotalsViewSchema.safeParse(aCampaignView(overrides)).success).toBe(false);
  });

  it('accept an error body with or without the errorId of a 500', () => {
    expect(ErrorBodySchema.safeParse({ code: 'AGGREGATE.NOT_FOUND', message: 'no' }).success).toBe(
      true,
    );
    const internal = { code: 'INTERNAL', message: 'internal error x', errorId: 'x' };
    expect(ErrorBodySchema.parse(internal)).toEqual(internal);
    expect(ErrorBodySchema.safeParse({ message: 'no code' }).success).toBe(false);
  });

  it('accept a rebuild view only in a known state', () => {
    const view = {
      generation: 2,
      schema: 'aggregator_g2',
      state: 'building',
      createdAt: '2024-09-09T02:00:00.000Z',
      activatedAt: null,
      retiredAt: null,
      prunedAt: null,
      runningHere: true,
      lag: 120,
      failure: null,
    };
    expect(RebuildViewSchema.safeParse(view).success).toBe(true);
    expect(RebuildViewSchema.safeParse({ ...view, state: 'paused' }).success).toBe(false);
  });

  it('require the statistics state beside a /stats view', () => {
    const view = {
      kind: 'campaign',
      by: 'donors',
      currency: null,
      entries: [{ rank: 1, id: 'c', value: 4 }],
    };
    expect(LeaderboardAnswerSchema.safeParse(view).success).toBe(false);
    expect(LeaderboardAnswerSchema.safeParse({ ...view, state: { status: 'live' } }).success).toBe(
      true,
    );
    const rebuilding = { status: 'rebuilding', startedAt: null, progress: null };
    expect(LeaderboardAnswerSchema.safeParse({ ...view, state: rebuilding }).success).toBe(true);
  });
});
