import {
  DonationDraft,
  MappingContext,
  PlatformMapping,
  StandardWebhookMessage,
  WebhookError,
} from '@donations/adapter-kit';
import { SHUIDI_EVENT_TYPES, ShuidiWebhook, ShuidiWebhookSchema } from './dto/shuidi-webhook.dto';

/** 水滴公益 payloads to donation drafts: `donation.paid` and `donation.refunded`. */
export class ShuidiMapping implements PlatformMapping<StandardWebhookMessage> {
  readonly platform = 'shuidi' as const;

  transactionIdOf(message: StandardWebhookMessage): string {
    return parse(message).data.orderNo;
  }

  async toDrafts(
    message: StandardWebhookMessage,
    context: MappingContext,
  ): Promise<DonationDraft[]> {
    const { type, data } = parse(message);
    const campaign = data.campaign ?? (await context.resolveCampaign(data.projectId));
    const common = {
      platformTxnId: data.orderNo,
      campaignId: campaign.campaignId,
      charityId: campaign.charityId,
      amountMinor: data.amountFen,
      currency: data.currency,
      occurredAt: data.occurredAt,
      donor: {
        platformUserId: data.donor.userId,
        ageBand: data.donor.ageBand,
        region: data.donor.region,
      },
    };
    switch (type) {
      case 'donation.paid':
        return [{ ...common, type: 'donation.completed' }];
      case 'donation.refunded':
        if (!data.refundNo) {
          throw new WebhookError(
            'WEBHOOK.MALFORMED_BODY',
            'data.refundNo is required for a refund',
          );
        }
        return [{ ...common, type: 'donation.refunded', refundId: data.refundNo }];
    }
  }
}

function parse(message: StandardWebhookMessage): ShuidiWebhook {
  const type = (message.body as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !(SHUIDI_EVENT_TYPES as readonly string[]).includes(type)) {
    throw new WebhookError(
      'WEBHOOK.UNKNOWN_EVENT_TYPE',
      `unknown event type ${String(type).slice(0, 64)}`,
    );
  }
  const result = ShuidiWebhookSchema.safeParse(message.body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new WebhookError('WEBHOOK.MALFORMED_BODY', `${issue.path.join('.')}: ${issue.message}`);
  }
  return result.data;
}
