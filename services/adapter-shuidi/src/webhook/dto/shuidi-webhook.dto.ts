import { z } from 'zod';
import { AGE_BANDS } from '@donations/contracts';

export const SHUIDI_EVENT_TYPES = ['donation.paid', 'donation.refunded'] as const;

const DonorSchema = z.object({
  userId: z.string().min(1).max(128),
  ageBand: z.enum(AGE_BANDS).optional(),
  region: z.string().min(1).max(32).optional(),
});

/**
 * 水滴公益's webhook body (Standard Webhooks envelope). Amounts are integer fen. `campaign` is the
 * optional pass-through; without it the registry maps `projectId` to the campaign.
 */
export const ShuidiWebhookSchema = z.object({
  type: z.enum(SHUIDI_EVENT_TYPES),
  data: z.object({
    orderNo: z.string().min(1).max(128),
    refundNo: z.string().min(1).max(128).optional(),
    projectId: z.string().min(1).max(128),
    amountFen: z.number(),
    currency: z.string().default('CNY'),
    occurredAt: z.string(),
    donor: DonorSchema,
    campaign: z.object({ campaignId: z.string(), charityId: z.string() }).optional(),
  }),
});

export type ShuidiWebhook = z.infer<typeof ShuidiWebhookSchema>;
