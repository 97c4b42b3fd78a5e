import {
  CampaignRef,
  DonationDraft,
  MappingContext,
  PlatformMapping,
  StandardWebhookMessage,
  WebhookError,
} from '@donations/adapter-kit';
import { ContractError, decimalToMinor } from '@donations/contracts';
import { JD_EVENT_TYPES, JdWebhook, JdWebhookSchema } from './dto/jd-webhook.dto';

/** 京东公益 payloads to donation drafts: ORDER_PAID and ORDER_REFUNDED. */
export class JdMapping implements PlatformMapping<StandardWebhookMessage> {
  readonly platform = 'jd' as const;
  /** transactionIdOf and toDrafts see the same verified message: parse it once. */
  private readonly parsed = new WeakMap<StandardWebhookMessage, JdWebhook>();

  transactionIdOf(message: StandardWebhookMessage): string {
    return this.parse(message).payload.orderId;
  }

  async toDrafts(
    message: StandardWebhookMessage,
    context: MappingContext,
  ): Promise<DonationDraft[]> {
    const webhook = this.parse(message);
    const { charity, activityId } = webhook.payload;
    const campaign = charity
      ? { campaignId: charity.campaignId, charityId: charity.creditCode }
      : await context.resolveCampaign(activityId);
    return [toDraft(webhook, campaign)];
  }

  private parse(message: StandardWebhookMessage): JdWebhook {
    let webhook = this.parsed.get(message);
    if (webhook === undefined) {
      webhook = parseJdWebhook(message.body);
      this.parsed.set(message, webhook);
    }
    return webhook;
  }
}

/** The draft of one verified JD event for its campaign. Pure; throws WebhookError. */
export function toDraft(webhook: JdWebhook, campaign: CampaignRef): DonationDraft {
  const { payload } = webhook;
  const common = {
    platformTxnId: payload.orderId,
    campaignId: campaign.campaignId,
    charityId: campaign.charityId,
    amountMinor: yuanToFen(payload.amount, payload.currency),
    currency: payload.currency,
    occurredAt: payload.eventTime,
    donor: { platformUserId: payload.pin, ageBand: payload.ageRange, region: payload.province },
  };
  switch (webhook.eventType) {
    case 'ORDER_PAID':
      return { ...common, type: 'donation.completed' };
    case 'ORDER_REFUNDED':
      return { ...common, type: 'donation.refunded', refundId: webhook.payload.refundId };
  }
}

/**
 * A JSON body as a JD webhook: an eventType we do not know is WEBHOOK.UNKNOWN_EVENT_TYPE, any
 * other shape error WEBHOOK.MALFORMED_BODY. Messages name the field, never its value.
 */
export function parseJdWebhook(body: unknown): JdWebhook {
  const eventType = isRecord(body) ? body.eventType : undefined;
  if (typeof eventType !== 'string') {
    throw new WebhookError('WEBHOOK.MALFORMED_BODY', 'eventType: expected a string');
  }
  if (!(JD_EVENT_TYPES as readonly string[]).includes(eventType)) {
    throw new WebhookError(
      'WEBHOOK.UNKNOWN_EVENT_TYPE',
      `unknown event type ${eventType.slice(0, 64)}`,
    );
  }
  const result = JdWebhookSchema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new WebhookError('WEBHOOK.MALFORMED_BODY', `${issue.path.join('.')}: ${issue.message}`);
  }
  return result.data;
}

/** "12.30" yuan -> 1230 fen with string arithmetic (decimalToMinor); zero is no donation. */
export function yuanToFen(amount: string, currency: string): number {
  let minor: number;
  try {
    minor = decimalToMinor(amount, currency);
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    if (error.code === 'MONEY.UNKNOWN_CURRENCY') {
      throw new WebhookError('WEBHOOK.UNKNOWN_CURRENCY', `payload.currency: ${error.message}`);
    }
    throw new WebhookError('WEBHOOK.INVALID_AMOUNT', `payload.amount: ${error.message}`);
  }
  if (minor === 0) {
    throw new WebhookError('WEBHOOK.INVALID_AMOUNT', 'payload.amount: must be greater than zero');
  }
  return minor;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
