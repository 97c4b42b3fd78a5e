import type {
  BackofficeAccess,
  BackofficeCampaignView,
  BackofficeCharity,
  BackofficeCharityView,
  CharityTotalsView,
  DisclosureRecordView,
  TotalsByCurrencyView,
} from '@donations/contracts';
import { beijingDay, disclosureCalendar } from '../disclosure/disclosure.rules';
import type { RegisteredCampaign } from './registry-campaigns';
import { reportPeriods, spanOf } from './report-periods';

export type TotalsStatus = BackofficeCharityView['totalsStatus'];

/** What the back office knows of a charity, read from the registry and the aggregator. */
export interface CharityParts {
  access: BackofficeAccess;
  charity: BackofficeCharity;
  campaigns: readonly RegisteredCampaign[];
  /** The running totals; undefined when nothing is counted yet or they could not be read. */
  totals: CharityTotalsView | undefined;
  totalsStatus: TotalsStatus;
  records: readonly DisclosureRecordView[];
}

/**
 * The charity's back-office view at `now`: its registered campaigns and those only the ledger
 * counts for it, each with its totals, its disclosure calendar on today's Beijing day (none
 * without a registered start) and the report periods of the days it ran or raised on.
 */
export function charityView(parts: CharityParts, now: Date): BackofficeCharityView {
  const today = beijingDay(now);
  const totalsOf = new Map(parts.totals?.campaigns.map((c) => [c.campaignId, c.totals]));
  const registered = new Set(parts.campaigns.map((c) => c.campaignId));
  const ledgerOnly = [...totalsOf.keys()]
    .filter((id) => !registered.has(id))
    .sort()
    .map((campaignId) => unregistered(campaignId));
  const campaigns = [...parts.campaigns, ...ledgerOnly].map((campaign) =>
    campaignView(campaign, registered.has(campaign.campaignId), {
      totals: totalsOf.get(campaign.campaignId) ?? {},
      records: parts.records.filter((r) => r.campaignId === campaign.campaignId),
      today,
    }),
  );
  const days = campaigns.flatMap((c) => spanDays(c, c.totals, today));
  return {
    access: parts.access,
    charity: parts.charity,
    today,
    generatedAt: now.toISOString(),
    totalsStatus: parts.totalsStatus,
    totals: parts.totals?.totals ?? {},
    campaigns,
    overdueCount: campaigns.reduce((sum, c) => sum + c.overdueCount, 0),
    reportPeriods: reportPeriods(spanOf(days)),
  };
}

function campaignView(
  campaign: RegisteredCampaign,
  isRegistered: boolean,
  context: {
    totals: TotalsByCurrencyView;
    records: readonly DisclosureRecordView[];
    today: string;
  },
): BackofficeCampaignView {
  const { campaignId, startsOn, endsOn } = campaign;
  const disclosures =
    startsOn === null
      ? null
      : disclosureCalendar({ campaignId, startsOn, endsOn }, context.records, context.today);
  return {
    ...campaign,
    registered: isRegistered,
    totals: context.totals,
    disclosures,
    overdueCount: disclosures?.filter((d) => d.status === 'overdue').length ?? 0,
    reportPeriods: reportPeriods(spanOf(spanDays(campaign, context.totals, context.today))),
  };
}

/**
 * The days a campaign's reports may cover: from its start to its end (today while it runs or
 * when none is registered), and the days of its first and last counted donation (Beijing).
 */
function spanDays(
  campaign: Pick<RegisteredCampaign, 'startsOn' | 'endsOn'>,
  totals: TotalsByCurrencyView,
  today: string,
): (string | null)[] {
  const end = campaign.endsOn !== null && campaign.endsOn < today ? campaign.endsOn : today;
  const eventDays = Object.values(totals).flatMap((t) =>
    [t.firstEventAt, t.lastEventAt].map((at) => (at === null ? null : beijingDay(new Date(at)))),
  );
  return [campaign.startsOn, campaign.startsOn === null ? null : end, ...eventDays];
}

function unregistered(campaignId: string): RegisteredCampaign {
  return {
    campaignId,
    title: null,
    filingNumber: null,
    startsOn: null,
    endsOn: null,
    platforms: [],
    conflicts: [],
  };
}
