import { compareFigures } from './compare.fold';
import { Counters, KeyFigures, ZERO } from './figures';
import { foldLedger, LedgerGroup } from './ledger.fold';
import { statisticsFigures, tableFigures, topicFigures } from './source-figures';
import { describeReport, verifyReport } from './verify.report';

const CHARITY = '53100000500021676K';
const OTHER_CHARITY = '53100000500021677X';

const counters = (overrides: Partial<Counters> = {}): Counters => ({ ...ZERO, ...overrides });

function aGroup(overrides: Partial<LedgerGroup> = {}): LedgerGroup {
  return {
    campaignId: 'campaign-1',
    charityId: CHARITY,
    currency: 'CNY',
    platform: 'alipay',
    counters: counters({ raisedMinor: 1000n, donationCount: 2n }),
    ...overrides,
  };
}

/** The ledger of two campaigns of one charity: CNY over two platforms with a refund, and USD. */
const LEDGER = foldLedger([
  aGroup(),
  aGroup({
    platform: 'tencent',
    counters: counters({
      raisedMinor: 500n,
      refundedMinor: 200n,
      donationCount: 1n,
      refundCount: 1n,
    }),
  }),
  aGroup({ campaignId: 'campaign-2', currency: 'USD', platform: 'stripe' }),
]);

describe('foldLedger', () => {
  it('adds a campaign up per currency with its platforms, and the charity over its campaigns', () => {
    const campaign = LEDGER.campaigns.get('campaign-1')!;
    expect(campaign.totals.get('CNY')).toMatchObject({
      raisedMinor: 1500n,
      refundedMinor: 200n,
      donationCount: 3n,
      refundCount: 1n,
    });
    expect(campaign.totals.get('CNY')?.byPlatform?.get('tencent')?.refundedMinor).toBe(200n);
    expect(campaign.campaignCount).toBeUndefined();
    const charity = LEDGER.charities.get(CHARITY)!;
    expect([...charity.totals.keys()].sort()).toEqual(['CNY', 'USD']);
    expect(charity.totals.get('USD')?.raisedMinor).toBe(1000n);
    expect(charity.campaignCount).toBe(2n);
  });

  it("counts a campaign's events under each charity they name, and the campaign under both", () => {
    const split = foldLedger([aGroup(), aGroup({ charityId: OTHER_CHARITY })]);
    expect(split.campaigns.get('campaign-1')?.totals.get('CNY')?.raisedMinor).toBe(2000n);
    expect(split.charities.get(OTHER_CHARITY)?.totals.get('CNY')?.raisedMinor).toBe(1000n);
    expect(split.charities.get(OTHER_CHARITY)?.campaignCount).toBe(1n);
  });
});

describe('compareFigures', () => {
  const table = (rows: Parameters<typeof tableFigures>[0]) => tableFigures(rows);
  const row = (overrides: Partial<Parameters<typeof tableFigures>[0][number]> = {}) => ({
    id: 'campaign-1',
    currency: 'CNY',
    raised_minor: '1500',
    refunded_minor: '200',
    donation_count: '3',
    refund_count: '1',
    by_platform: {
      alipay: { raisedMinor: '1000', refundedMinor: '0', donationCount: '2', refundCount: '0' },
      tencent: { raisedMinor: '500', refundedMinor: '200', donationCount: '1', refundCount: '1' },
    },
    ...overrides,
  });

  it('finds nothing when the totals table agrees with the ledger', () => {
    expect(
      compareFigures('totals-table', 'campaign', ['campaign-1'], LEDGER.campaigns, table([row()])),
    ).toEqual([]);
  });

  it('names the field, the key, the figure the ledger gives and the one found', () => {
    const damaged = table([row({ raised_minor: '999999' })]);
    expect(
      compareFigures('totals-table', 'campaign', ['campaign-1'], LEDGER.campaigns, damaged),
    ).toEqual([
      {
        source: 'totals-table',
        kind: 'campaign',
        key: 'campaign-1',
        field: 'CNY.raisedMinor',
        expected: '1500',
        found: '999999',
      },
    ]);
  });

  it('compares the platform breakdown', () => {
    const moved = row({
      by_platform: {
        alipay: { raisedMinor: '1500', refundedMinor: '200', donationCount: '3', refundCount: '1' },
      },
    });
    const fields = compareFigures(
      'totals-table',
      'campaign',
      ['campaign-1'],
      LEDGER.campaigns,
      table([moved]),
    ).map((d) => `${d.field} ${d.expected}/${d.found}`);
    expect(fields).toEqual([
      'CNY.byPlatform.alipay.raisedMinor 1000/1500',
      'CNY.byPlatform.alipay.refundedMinor 0/200',
      'CNY.byPlatform.alipay.donationCount 2/3',
      'CNY.byPlatform.alipay.refundCount 0/1',
      'CNY.byPlatform.tencent.raisedMinor 500/0',
      'CNY.byPlatform.tencent.refundedMinor 200/0',
      'CNY.byPlatform.tencent.donationCount 1/0',
      'CNY.byPlatform.tencent.refundCount 1/0',
    ]);
  });

  it('reports a key the source lacks once, and figures the ledger lacks against zero', () => {
    const found = new Map<string, KeyFigures>([
      [
        'campaign-9',
        topicFigures({
          CNY: {
            raisedMinor: 5,
            refundedMinor: 0,
            netMinor: 5,
            donationCount: 1,
            refundCount: 0,
            byPlatform: {
              jd: { raisedMinor: 5, refundedMinor: 0, donationCount: 1, refundCount: 0 },
            },
          },
        }),
      ],
    ]);
    const differences = compareFigures(
      'aggregate-topic',
      'campaign',
      ['campaign-2', 'campaign-9'],
      LEDGER.campaigns,
      found,
    );
    expect(differences.map((d) => `${d.key} ${d.field} ${d.expected}/${d.found}`)).toEqual([
      'campaign-2 key present/absent',
      'campaign-9 CNY.raisedMinor 0/5',
      'campaign-9 CNY.donationCount 0/1',
      'campaign-9 CNY.byPlatform.jd.raisedMinor 0/5',
      'campaign-9 CNY.byPlatform.jd.donationCount 0/1',
    ]);
  });

  it('takes zero figures for absent ones (refunds all taken back), both ways', () => {
    const ledger = foldLedger([aGroup({ counters: ZERO })]);
    const zeroRow = row({
      raised_minor: '0',
      refunded_minor: '0',
      donation_count: '0',
      refund_count: '0',
      by_platform: {
        alipay: { raisedMinor: '0', refundedMinor: '0', donationCount: '0', refundCount: '0' },
      },
    });
    expect(
      compareFigures(
        'totals-table',
        'campaign',
        ['campaign-1'],
        ledger.campaigns,
        table([zeroRow]),
      ),
    ).toEqual([]);
    expect(
      compareFigures('statistics', 'campaign', ['campaign-1'], ledger.campaigns, new Map()),
    ).toEqual([]);
  });

  it("compares a charity's campaign count where the source has one", () => {
    const charities = tableFigures([], new Map([[CHARITY, 3n]]));
    const differences = compareFigures(
      'totals-table',
      'charity',
      [CHARITY],
      LEDGER.charities,
      charities,
    );
    expect(differences).toContainEqual(
      expect.objectContaining({ field: 'campaignCount', expected: '2', found: '3' }),
    );
  });

  it('compares the statistics on the counters alone (they have no platform breakdown)', () => {
    const overview = statisticsFigures({
      scope: 'campaign:campaign-1',
      version: 1,
      totals: {
        CNY: {
          raisedMinor: 1500,
          refundedMinor: 200,
          netMinor: 1300,
          donationCount: 3,
          refundCount: 2,
          distribution: {
            buckets: [],
            shareAtOrUnder100: 0,
            shareAtOrUnder1000: 0,
            shareAtOrUnder10000: 0,
            medianMinorEstimate: null,
          },
        },
      },
      uniqueDonors: 3,
      platforms: {},
      ageBands: {},
      updatedAt: '2026-12-06T00:00:00Z',
    });
    const differences = compareFigures(
      'statistics',
      'campaign',
      ['campaign-1'],
      LEDGER.campaigns,
      new Map([['campaign-1', overview]]),
    );
    expect(differences.map((d) => `${d.field} ${d.expected}/${d.found}`)).toEqual([
      'CNY.refundCount 1/2',
    ]);
  });
});

describe('verifyReport', () => {
  const generation = { generation: 0, schema: 'aggregator' };

  it('checks the keys every source knows, says which sources were skipped, and sums up', () => {
    const report = verifyReport({
      generation,
      campaignId: null,
      ledger: LEDGER,
      sources: {
        'totals-table': { campaigns: LEDGER.campaigns, charities: LEDGER.charities },
        'aggregate-topic': { campaigns: LEDGER.campaigns, charities: LEDGER.charities },
        statistics: { skipped: 'http://127.0.0.1:3301 unreachable' },
      },
    });
    expect(report.checked).toEqual({ campaigns: 2, charities: 1 });
    expect(report.differences).toEqual([]);
    expect(describeReport(report)).toBe(
      'no difference: 2 campaigns and 1 charities of generation 0 checked against ' +
        'totals-table, aggregate-topic; statistics skipped: http://127.0.0.1:3301 unreachable',
    );
  });

  it('with --campaign, checks that campaign alone, and a topic key the ledger lacks otherwise', () => {
    const stray = new Map([
      ...LEDGER.campaigns,
      ['campaign-9', LEDGER.campaigns.get('campaign-2')!],
    ]);
    const sources = {
      'totals-table': { campaigns: LEDGER.campaigns, charities: LEDGER.charities },
      'aggregate-topic': { campaigns: stray, charities: LEDGER.charities },
      statistics: { campaigns: new Map(), charities: new Map() },
    } as const;
    const one = verifyReport({ generation, campaignId: 'campaign-1', ledger: LEDGER, sources });
    expect(one.checked).toEqual({ campaigns: 1, charities: 1 });
    expect(one.differences.map((d) => `${d.source} ${d.key} ${d.field}`)).toEqual([
      'statistics campaign-1 key',
      `statistics ${CHARITY} key`,
    ]);
    const all = verifyReport({ generation, campaignId: null, ledger: LEDGER, sources });
    expect(all.differences.map((d) => `${d.source} ${d.key} ${d.field}`)).toContain(
      'aggregate-topic campaign-9 USD.raisedMinor',
    );
    expect(describeReport(all).split('\n').at(-1)).toMatch(/^\d+ differences: 3 campaigns/);
  });
});
