import { z } from 'zod';
import { CampaignIdSchema, ExternalIdSchema } from '../common/identifier.schemas';
import { IsoDateTimeSchema } from '../common/primitive.schemas';
import { UsccSchema } from '../charity/uscc';
import { PlatformSchema } from '../donations/platform';

/**
 * `POST /operator/registry/campaigns`: a platform's project or merchant id maps to a campaign
 * (慈善中国 filing number or the project's own id) and the charity's USCC (checked).
 */
export const CampaignRegistrationSchema = z.strictObject({
  platform: PlatformSchema,
  platformProjectId: ExternalIdSchema,
  campaignId: CampaignIdSchema,
  charityId: UsccSchema,
  title: z.string().min(1).max(200).optional(),
});

export type CampaignRegistration = z.infer<typeof CampaignRegistrationSchema>;

/** One row of the registry as `GET /operator/registry/campaigns` lists it. */
export const CampaignRegistryViewSchema = z.strictObject({
  platform: PlatformSchema,
  platformProjectId: z.string(),
  campaignId: z.string(),
  charityId: z.string(),
  title: z.string().nullable(),
  createdAt: IsoDateTimeSchema,
});

export type CampaignRegistryView = z.infer<typeof CampaignRegistryViewSchema>;

/**
 * `PATCH /operator/registry/campaigns`: a registered id pointed at another campaign or charity,
 * or given another title. Only future webhooks (and re-drives) map with it.
 */
export const CampaignRegistrationUpdateSchema = z.strictObject({
  platform: PlatformSchema,
  platformProjectId: ExternalIdSchema,
  campaignId: CampaignIdSchema.optional(),
  charityId: UsccSchema.optional(),
  title: z.string().min(1).max(200).optional(),
});

export type CampaignRegistrationUpdate = z.infer<typeof CampaignRegistrationUpdateSchema>;

/**
 * What `add` or `update` did: `created` or `updated` (and audited), `unchanged`, or, in a dry
 * run, what it would have done. `add` refuses a different mapping for a registered id (409),
 * `update` an id not registered (404).
 */
export const CampaignRegistrationResultSchema = z.strictObject({
  change: z.enum(['created', 'updated', 'unchanged']),
  dryRun: z.boolean(),
  entry: CampaignRegistrationSchema,
  before: CampaignRegistrationSchema.nullable().optional(),
});

export type CampaignRegistrationResult = z.infer<typeof CampaignRegistrationResultSchema>;
