import { z } from 'zod';
import { IsoDateTimeSchema } from '../common/primitive.schemas';
import { UsccSchema } from '../charity/uscc';

const NameSchema = z.string().trim().min(1).max(200);
/** Where the charity is registered: a province or city as people write it (北京市, 广东省深圳市). */
const RegionSchema = z.string().trim().min(1).max(100);

/** `POST /operator/registry/charities`: a charity by its 统一社会信用代码 (checked), name, region. */
export const CharityRegistrationSchema = z.strictObject({
  uscc: UsccSchema,
  name: NameSchema,
  region: RegionSchema,
});

export type CharityRegistration = z.infer<typeof CharityRegistrationSchema>;

/** `PATCH /operator/registry/charities`: another name or region for a registered charity. */
export const CharityRegistrationUpdateSchema = z.strictObject({
  uscc: UsccSchema,
  name: NameSchema.optional(),
  region: RegionSchema.optional(),
});

export type CharityRegistrationUpdate = z.infer<typeof CharityRegistrationUpdateSchema>;

/** One charity as `GET /operator/registry/charities` lists it. */
export const CharityRegistryViewSchema = z
  .strictObject({
    uscc: z.string(),
    name: z.string(),
    region: z.string(),
    createdAt: IsoDateTimeSchema,
    updatedAt: IsoDateTimeSchema,
  })
  .meta({ id: 'CharityRegistryView' });

export type CharityRegistryView = z.infer<typeof CharityRegistryViewSchema>;

/** What a charity `add` or `update` did (or would do, in a dry run); as campaigns' results. */
export const CharityRegistrationResultSchema = z
  .strictObject({
    change: z.enum(['created', 'updated', 'unchanged']),
    dryRun: z.boolean(),
    entry: CharityRegistrationSchema,
    before: CharityRegistrationSchema.nullable().optional(),
  })
  .meta({ id: 'CharityRegistrationResult' });

export type CharityRegistrationResult = z.infer<typeof CharityRegistrationResultSchema>;
