import type {
  DisclosureDueView,
  DisclosureKind,
  DisclosureRecordView,
  DisclosureStatus,
} from '@donations/contracts';
import { addDays, addMonths } from './calendar-day';

export { beijingDay } from './calendar-day';

/** A campaign's dates as the registry holds them (`YYYY-MM-DD`, Beijing time, both included). */
export interface CampaignSchedule {
  campaignId: string;
  startsOn: string;
  /** null: not entered in the registry yet (the filed 募捐方案 has one; see docs/disclosure.md). */
  endsOn: string | null;
}

/** A disclosure the law asks of a campaign: its kind, the days it covers and its last day. */
export interface RequiredDisclosure {
  campaignId: string;
  kind: DisclosureKind;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
}

/** Progress periods are 3 calendar months from the start; one runs "longer than 6 months". */
const PERIOD_MONTHS = 3;
const LONG_CAMPAIGN_MONTHS = 6;
/** A progress disclosure may be made within 1 month after its period (docs/disclosure.md). */
const PROGRESS_DUE_MONTHS = 1;
/** The final disclosure within 3 months after the end (慈善法, 信息公开). */
const FINAL_DUE_MONTHS = 3;

/**
 * The disclosures a campaign needs, in order: a progress disclosure for each 3-month period
 * from its start that ends before the campaign does, when it runs longer than 6 months; and the
 * final one of the whole campaign. The period in which a campaign ends needs no progress
 * disclosure: the final one, due within 3 months after the end, covers it.
 *
 * Without an end date a campaign is taken to run on: the periods begun by `today` are listed
 * (the one running as upcoming), and no final one until an end date is registered.
 */
export function requiredDisclosures(
  schedule: CampaignSchedule,
  today: string,
): RequiredDisclosure[] {
  const { campaignId, startsOn, endsOn } = schedule;
  const required: RequiredDisclosure[] = [];
  const runsLong = endsOn === null || endsOn >= addMonths(startsOn, LONG_CAMPAIGN_MONTHS);
  for (let index = 0; runsLong; index++) {
    // Each period from the start, not from the previous one: Jan 31 gives Apr 30, Jul 31, ...
    const periodStart = addMonths(startsOn, index * PERIOD_MONTHS);
    const periodEnd = addDays(addMonths(startsOn, (index + 1) * PERIOD_MONTHS), -1);
    if (endsOn === null ? periodStart > today : periodEnd >= endsOn) break;
    const dueOn = addMonths(periodEnd, PROGRESS_DUE_MONTHS);
    required.push({ campaignId, kind: 'progress', periodStart, periodEnd, dueOn });
  }
  if (endsOn !== null) {
    const dueOn = addMonths(endsOn, FINAL_DUE_MONTHS);
    required.push({ campaignId, kind: 'final', periodStart: startsOn, periodEnd: endsOn, dueOn });
  }
  return required;
}

/**
 * The calendar of a campaign on `today` (its Beijing day): each required disclosure with its
 * status and, once recorded, the day it was made and its 慈善中国 link. A record counts for the
 * disclosure of the same campaign, kind and first day when it covers the period to its last
 * day: a final disclosure made before the campaign was extended does not cover the new end.
 */
export function disclosureCalendar(
  schedule: CampaignSchedule,
  records: readonly DisclosureRecordView[],
  today: string,
): DisclosureDueView[] {
  return requiredDisclosures(schedule, today).map((required) => {
    const record = records.find(
      (candidate) =>
        candidate.campaignId === required.campaignId &&
        candidate.kind === required.kind &&
        candidate.periodStart === required.periodStart &&
        candidate.periodEnd >= required.periodEnd,
    );
    return {
      ...required,
      status: record ? 'done' : statusOn(required, today),
      madeOn: record?.madeOn ?? null,
      link: record?.link ?? null,
    };
  });
}

/** upcoming while the period runs, due until the due date, overdue after it. */
function statusOn(required: RequiredDisclosure, today: string): DisclosureStatus {
  if (today <= required.periodEnd) return 'upcoming';
  return today <= required.dueOn ? 'due' : 'overdue';
}
