import { z } from 'zod';
import { IsoDateTimeSchema, NonNegativeSafeIntSchema } from '../common/primitive.schemas';
import { DisclosureDueViewSchema } from '../disclosure/disclosure';
import { PlatformSchema } from '../donations/platform';
import { TotalsByCurrencyViewSchema } from './totals.views';

/**
 * How the back office is protected, for the page to say so: `local-only` (no token configured:
 * only clients on the dashboard's own machine are answered) or `token` (every client signs in).
 */
export const BackofficeAccessSchema = z.enum(['local-only', 'token']);
export type BackofficeAccess = z.infer<typeof BackofficeAccessSchema>;

/** A registered charity as the picker lists it. */
export const BackofficeCharitySchema = z.strictObject({
  uscc: z.string(),
  /** Null for a charity the ledger knows but the registry does not. */
  name: z.string().nullable(),
  region: z.string().nullable(),
});
export type BackofficeCharity = z.infer<typeof BackofficeCharitySchema>;

/**
 * `GET /backoffice/api/charities?q=`: registered charities whose name contains `q` (any case) or
 * whose USCC starts with it, by name, at most 20 (`truncated` when there were more); every
 * charity (the first 20) for an empty `q`.
 */
export const CharitySearchViewSchema = z
  .strictObject({
    access: BackofficeAccessSchema,
    query: z.string(),
    charities: z.array(BackofficeCharitySchema),
    truncated: z.boolean(),
  })
  .meta({ id: 'CharitySearchView' });
export type CharitySearchView = z.infer<typeof CharitySearchViewSchema>;

/**
 * Whether the running totals could be read from the aggregator (`ok`), or why not: the page then
 * shows the registry and the calendar without figures.
 */
export const TotalsStatusSchema = z.enum(['ok', 'unset', 'unreachable', 'timeout', 'failed']);

/**
 * One campaign of a charity: the registry's rows of it merged (one per platform id: the title and
 * filing number of the first registered row that has one, the earliest start and the latest end
 * among the rows; `conflicts` names the fields the rows disagree on), its running totals, its
 * disclosure calendar (null without a registered start day) and the report periods offered.
 */
export const BackofficeCampaignViewSchema = z.strictObject({
  campaignId: z.string(),
  title: z.string().nullable(),
  filingNumber: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  /** False for a campaign the ledger counts for this charity but the registry does not list. */
  registered: z.boolean(),
  platforms: z.array(z.strictObject({ platform: PlatformSchema, platformProjectId: z.string() })),
  conflicts: z.array(z.enum(['title', 'filingNumber', 'startsOn', 'endsOn'])),
  /** Per currency; empty when nothing is counted yet or the totals are unavailable. */
  totals: TotalsByCurrencyViewSchema,
  disclosures: z.array(DisclosureDueViewSchema).nullable(),
  overdueCount: NonNegativeSafeIntSchema,
  /** `all`, then the quarters (`2026-Q3`) the campaign ran or raised in, newest first. */
  reportPeriods: z.array(z.string()),
});
export type BackofficeCampaignView = z.infer<typeof BackofficeCampaignViewSchema>;

/**
 * `GET /backoffice/api/charities/:uscc`: a charity with its campaigns (registered ones and those
 * the ledger counts for it), their running totals and disclosure calendars on `today` (the
 * Beijing day the statuses are for).
 */
export const BackofficeCharityViewSchema = z
  .strictObject({
    access: BackofficeAccessSchema,
    charity: BackofficeCharitySchema,
    today: z.string(),
    generatedAt: IsoDateTimeSchema,
    totalsStatus: TotalsStatusSchema,
    totals: TotalsByCurrencyViewSchema,
    campaigns: z.array(BackofficeCampaignViewSchema),
    overdueCount: NonNegativeSafeIntSchema,
    reportPeriods: z.array(z.string()),
  })
  .meta({ id: 'BackofficeCharityView' });
export type BackofficeCharityView = z.infer<typeof BackofficeCharityViewSchema>;
