import { z } from 'zod';
import { CampaignIdSchema, ExternalIdSchema } from '../common/identifier.schemas';
import { IsoDateTimeSchema } from '../common/primitive.schemas';
import { UsccSchema } from '../charity/uscc';
import { PlatformSchema } from '../donations/platform';

/** 慈善中国 公开募捐方案备案编号 as the filing shows it: letters and digits (and dashes). */
export const FilingNumberSchema = z
  .string()
  .regex(/^[0-9A-Za-z-]{1,64}$/, 'must be the filing number: 1-64 letters, digits or dashes');

/** A calendar day, `YYYY-MM-DD` (a campaign's start and end, Beijing time as filed). */
export const CalendarDaySchema = z.iso.date();

const campaignFields = {
  campaignId: CampaignIdSchema,
  charityId: UsccSchema,
  /** The campaign's name, as people see it (dashboard, disclosure reports). */
  title: z.string().min(1).max(200).optional(),
  filingNumber: FilingNumberSchema.optional(),
  startsOn: CalendarDaySchema.optional(),
  endsOn: CalendarDaySchema.optional(),
};

function datesInOrder(value: { startsOn?: string; endsOn?: string }): boolean {
  return !value.startsOn || !value.endsOn || value.startsOn <= value.endsOn;
}

/**
 * `POST /operator/registry/campaigns`: a platform's project or merchant id maps to a campaign
 * (慈善中国 filing number or the project's own id) and the charity's USCC (checked), with the
 * campaign's name, filing number and dates. WeChat Pay names only the merchant in a refund, so a
 * tencent registration names the charity's merchant id (`merchantId`, the sub_mchid in partner
 * mode) too: both ids map to the campaign, in one audited change.
 */
export const CampaignRegistrationSchema = z
  .strictObject({
    platform: PlatformSchema,
    platformProjectId: ExternalIdSchema,
    ...campaignFields,
    merchantId: ExternalIdSchema.optional(),
  })
  .refine(datesInOrder, { message: 'endsOn is before startsOn', path: ['endsOn'] })
  .refine((value) => value.platform !== 'tencent' || value.merchantId !== undefined, {
    message: 'a WeChat Pay campaign names its merchant id (a refund names only that)',
    path: ['merchantId'],
  })
  .refine((value) => value.platform === 'tencent' || value.merchantId === undefined, {
    message: 'only a WeChat Pay (tencent) registration names a merchant id',
    path: ['merchantId'],
  });

export type CampaignRegistration = z.infer<typeof CampaignRegistrationSchema>;

/** A registration as stored and answered: one platform id (a merchant id is a row of its own). */
export const CampaignRegistrationEntrySchema = z.strictObject({
  platform: PlatformSchema,
  platformProjectId: ExternalIdSchema,
  ...campaignFields,
  merchantId: ExternalIdSchema.optional(),
});

/** One row of the registry as `GET /operator/registry/campaigns` lists it. */
export const CampaignRegistryViewSchema = z
  .strictObject({
    platform: PlatformSchema,
    platformProjectId: z.string(),
    campaignId: z.string(),
    charityId: z.string(),
    /** The charity's registered name, when the charity is registered. */
    charityName: z.string().nullable().optional(),
    title: z.string().nullable(),
    filingNumber: z.string().nullable().optional(),
    startsOn: z.string().nullable().optional(),
    endsOn: z.string().nullable().optional(),
    createdAt: IsoDateTimeSchema,
  })
  .meta({ id: 'CampaignRegistryView' });

export type CampaignRegistryView = z.infer<typeof CampaignRegistryViewSchema>;

/**
 * `PATCH /operator/registry/campaigns`: a registered id pointed at another campaign or charity,
 * or given another name, filing number or dates. Only future webhooks (and re-drives) map with it.
 */
export const CampaignRegistrationUpdateSchema = z
  .strictObject({
    platform: PlatformSchema,
    platformProjectId: ExternalIdSchema,
    ...campaignFields,
    campaignId: CampaignIdSchema.optional(),
    charityId: UsccSchema.optional(),
  })
  .refine(datesInOrder, { message: 'endsOn is before startsOn', path: ['endsOn'] });

export type CampaignRegistrationUpdate = z.infer<typeof CampaignRegistrationUpdateSchema>;

/**
 * What `add` or `update` did: `created` or `updated` (and audited), `unchanged`, or, in a dry
 * run, what it would have done. `add` refuses a different mapping for a registered id (409),
 * `update` an id not registered (404).
 */
export const CampaignRegistrationResultSchema = z
  .strictObject({
    change: z.enum(['created', 'updated', 'unchanged']),
    dryRun: z.boolean(),
    entry: CampaignRegistrationEntrySchema,
    before: CampaignRegistrationEntrySchema.nullable().optional(),
  })
  .meta({ id: 'CampaignRegistrationResult' });

export type CampaignRegistrationResult = z.infer<typeof CampaignRegistrationResultSchema>;
