import { BadRequestException, PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { PlatformSchema, UsccSchema } from '@donations/contracts';

export const CampaignIdSchema = z.string().trim().min(1).max(200);

export const CharityIdSchema = UsccSchema;

export const TopCampaignsQuerySchema = z.strictObject({
  charityId: UsccSchema,
  top: z.coerce.number().int().min(1).max(100).default(10),
});

export type TopCampaignsQuery = z.output<typeof TopCampaignsQuerySchema>;

export const VerifyQuerySchema = z.strictObject({
  platform: PlatformSchema,
  txn: z.string().trim().min(1).max(200),
});

export type VerifyQuery = z.output<typeof VerifyQuerySchema>;

/** Validates a parameter or a query with a zod schema: 400 `HTTP.BAD_REQUEST` listing each issue. */
export class ZodPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: z.ZodType<T>) {}

  transform(value: unknown): T {
    const result = this.schema.safeParse(value);
    if (!result.success) throw new BadRequestException(z.prettifyError(result.error));
    return result.data;
  }
}
