import type {
  CharityTotalsView,
  CurrencyTotalsView,
  DisclosureRecordView,
} from '@donations/contracts';
import { charityView, CharityParts } from './charity-view';
import type { RegisteredCampaign } from './registry-campaigns';

const USCC = '53110000500000000X';

const campaign = (overrides: Partial<RegisteredCampaign> = {}): RegisteredCampaign => ({
  campaignId: 'clean-water',
  title: '安全饮水',
  filingNumber: null,
  startsOn: '2025-01-01',
  endsOn: '2025-12-31',
  platforms: [{ platform: 'alipay', platformProjectId: 'ali-1' }],
  conflicts: [],
  ...overrides,
});

const cny = (overrides: Partial<CurrencyTotalsView> = {}): CurrencyTotalsView => ({
  raisedMinor: '10000',
  refundedMinor: '500',
  netMinor: '9500',
  donationCount: '3',
  refundCount: '1',
  byPlatform: {},
  firstEventAt: '2026-06-30T16:30:00.000Z',
  lastEventAt: '2026-07-02T01:00:00.000Z',
  ...overrides,
});

const totals = (campaigns: CharityTotalsView['campaigns']): CharityTotalsView => ({
  charityId: USCC,
  totals: { CNY: cny() },
  firstEventAt: null,
  lastEventAt: null,
  version: 3,
  campaigns,
});

const finalRecord: DisclosureRecordView = {
  campaignId: 'clean-water',
  kind: 'final',
  periodStart: '2025-01-01',
  periodEnd: '2025-12-31',
  madeOn: '2026-03-20',
  link: 'https://cszg.mca.gov.cn/platform/project/1',
  recordedAt: '2026-03-20T02:00:00.000Z',
};

const parts = (overrides: Partial<CharityParts> = {}): CharityParts => ({
  access: 'local-only',
  charity: { uscc: USCC, name: '模拟基金会', region: '北京市' },
  campaigns: [campaign()],
  totals: undefined,
  totalsStatus: 'ok',
  records: [],
  ...overrides,
});

const finalOf = (view: ReturnType<typeof charityView>) =>
  view.campaigns[0].disclosures?.find((d) => d.kind === 'final');

describe('charityView', () => {
  it("flags a campaign's final disclosure overdue after its due day, and counts it", () => {
    const view = charityView(parts(), new Date('2026-12-06T08:00:00Z'));

    expect(view.today).toBe('2026-12-06');
    expect(finalOf(view)).toMatchObject({ dueOn: '2026-03-31', status: 'overdue' });
    const overdue = view.campaigns[0].disclosures!.filter((d) => d.status === 'overdue');
    expect(view.campaigns[0].overdueCount).toBe(overdue.length);
    expect(view.overdueCount).toBe(overdue.length);
  });

  it('computes the calendar on the Beijing day: 16:30 UTC on the due day is already the next', () => {
    const onDueDay = charityView(parts(), new Date('2026-03-31T15:59:00Z'));
    const nextDay = charityView(parts(), new Date('2026-03-31T16:30:00Z'));

    expect(finalOf(onDueDay)?.status).toBe('due');
    expect(nextDay.today).toBe('2026-04-01');
    expect(finalOf(nextDay)?.status).toBe('overdue');
  });

  it('shows a recorded disclosure as done, with its day and link', () => {
    const view = charityView(parts({ records: [finalRecord] }), new Date('2026-12-06T08:00:00Z'));

    expect(finalOf(view)).toMatchObject({
      status: 'done',
      madeOn: '2026-03-20',
      link: finalRecord.link,
    });
  });

  it('has no calendar for a campaign without a registered start', () => {
    const view = charityView(
      parts({ campaigns: [campaign({ startsOn: null, endsOn: null })] }),
      new Date('2026-12-06T08:00:00Z'),
    );

    expect(view.campaigns[0]).toMatchObject({ disclosures: null, overdueCount: 0 });
    expect(view.overdueCount).toBe(0);
  });

  it("joins the running totals to the registered campaigns and lists the ledger's others", () => {
    const view = charityView(
      parts({
        totals: totals([
          { campaignId: 'clean-water', totals: { CNY: cny() } },
          { campaignId: 'pass-through-1', totals: { USD: cny({ netMinor: '7' }) } },
        ]),
      }),
      new Date('2026-12-06T08:00:00Z'),
    );

    expect(view.totals.CNY.netMinor).toBe('9500');
    expect(view.campaigns.map((c) => [c.campaignId, c.registered])).toEqual([
      ['clean-water', true],
      ['pass-through-1', false],
    ]);
    expect(view.campaigns[1]).toMatchObject({
      totals: { USD: { netMinor: '7' } },
      disclosures: null,
    });
  });

  it('offers the quarters the campaign ran and raised in (event days in Beijing time)', () => {
    const view = charityView(
      parts({
        campaigns: [campaign({ startsOn: null, endsOn: null })],
        totals: totals([{ campaignId: 'clean-water', totals: { CNY: cny() } }]),
      }),
      new Date('2026-12-06T08:00:00Z'),
    );

    // The first donation at 2026-06-30 16:30 UTC is 2026-07-01 in Beijing: Q3 only.
    expect(view.campaigns[0].reportPeriods).toEqual(['all', '2026-Q3']);
    expect(view.reportPeriods).toEqual(['all', '2026-Q3']);
  });

  it('keeps the registry and calendar when the totals could not be read', () => {
    const view = charityView(
      parts({ totalsStatus: 'unreachable' }),
      new Date('2026-12-06T08:00:00Z'),
    );

    expect(view).toMatchObject({ totalsStatus: 'unreachable', totals: {} });
    expect(view.campaigns[0].reportPeriods.slice(0, 2)).toEqual(['all', '2025-Q4']);
  });
});
