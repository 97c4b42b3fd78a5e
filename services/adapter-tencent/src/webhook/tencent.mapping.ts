import type { z } from 'zod';
import {
  CampaignRef,
  DonationDraft,
  issuedRefundDraft,
  MappingContext,
  PlatformMapping,
  WebhookError,
  WechatPayNotification,
} from '@donations/adapter-kit';
import {
  TencentAttachSchema,
  WechatPayOtherResourceSchema,
  WechatPayRefund,
  WechatPayRefundSchema,
  WechatPayTransaction,
  WechatPayTransactionSchema,
} from './dto/wechatpay-resource.dto';

export interface TencentMappingOptions {
  /** Our merchant id (WECHATPAY_MCHID): when set, a notification for another one is refused. */
  merchantId?: string;
}

/** TRANSACTION.* and REFUND.* events other than SUCCESS: acknowledged, no donation event. */
const OTHER_EVENT_TYPE = /^(TRANSACTION|REFUND)\.[A-Z_]{1,32}$/;

type Interpreted =
  | { kind: 'donation'; transaction: WechatPayTransaction }
  | { kind: 'refund'; refund: WechatPayRefund }
  | { kind: 'ignored'; transactionId: string };

/**
 * 腾讯公益 notifications (WeChat Pay API v3) to drafts: TRANSACTION.SUCCESS is a donation,
 * REFUND.SUCCESS reports one refund (`refund_id`, `amount.refund`) of its transaction: a `single`
 * observation for settleRefunds, which emits the rise of the transaction's refunded level (so a
 * statement's REFUND row of the same refund_id adds nothing). The campaign comes from `attach`,
 * else (refunds) from the transaction's donation, else from the registry entry of the charity's
 * merchant id.
 */
export class TencentMapping implements PlatformMapping<WechatPayNotification> {
  readonly platform = 'tencent' as const;

  constructor(private readonly options: TencentMappingOptions = {}) {}

  transactionIdOf(notification: WechatPayNotification): string {
    const interpreted = this.interpret(notification);
    switch (interpreted.kind) {
      case 'donation':
        return interpreted.transaction.transaction_id;
      case 'refund':
        return interpreted.refund.transaction_id;
      case 'ignored':
        return interpreted.transactionId;
    }
  }

  /** Refunds settle the transaction's refund state: one at a time per transaction. */
  serializationKeyOf(notification: WechatPayNotification): string | undefined {
    const interpreted = this.interpret(notification);
    return interpreted.kind === 'refund' ? interpreted.refund.transaction_id : undefined;
  }

  async toDrafts(
    notification: WechatPayNotification,
    context: MappingContext,
  ): Promise<DonationDraft[]> {
    const interpreted = this.interpret(notification);
    switch (interpreted.kind) {
      case 'donation':
        return [await donationDraft(interpreted.transaction, context)];
      case 'refund':
        return refundDrafts(interpreted.refund, context);
      case 'ignored':
        return [];
    }
  }

  private interpret(notification: WechatPayNotification): Interpreted {
    const { eventType, resource } = notification;
    if (eventType === 'TRANSACTION.SUCCESS') {
      const transaction = parseResource(WechatPayTransactionSchema, resource);
      this.assertOurs(transaction);
      assertSuccess('trade_state', transaction.trade_state);
      return { kind: 'donation', transaction };
    }
    if (eventType === 'REFUND.SUCCESS') {
      const refund = parseResource(WechatPayRefundSchema, resource);
      this.assertOurs(refund);
      assertSuccess('refund_status', refund.refund_status);
      return { kind: 'refund', refund };
    }
    if (!OTHER_EVENT_TYPE.test(eventType)) {
      throw new WebhookError(
        'WEBHOOK.UNKNOWN_EVENT_TYPE',
        `unknown event_type ${eventType.slice(0, 64)}`,
      );
    }
    const other = WechatPayOtherResourceSchema.safeParse(resource);
    return {
      kind: 'ignored',
      transactionId: other.success ? other.data.transaction_id : notification.id,
    };
  }

  /** Direct mode names us in `mchid`, partner mode in `sp_mchid`. */
  private assertOurs(resource: { mchid?: string; sp_mchid?: string }): void {
    const expected = this.options.merchantId;
    if (expected === undefined) return;
    const actual = resource.sp_mchid ?? resource.mchid;
    if (actual !== expected) {
      throw new WebhookError(
        'WEBHOOK.INVALID_EVENT',
        `notification is for merchant ${actual ?? '(none)'}, not ${expected}`,
      );
    }
  }
}

async function donationDraft(
  transaction: WechatPayTransaction,
  context: MappingContext,
): Promise<DonationDraft> {
  const amountMinor = positiveFen(transaction.amount.total, 'amount.total');
  const campaign = await campaignOf(transaction.attach, context, () =>
    context.resolveCampaign(chargedMerchantOf(transaction)),
  );
  const { payer } = transaction;
  return {
    type: 'donation.completed',
    platformTxnId: transaction.transaction_id,
    ...campaign,
    amountMinor,
    currency: transaction.amount.currency,
    occurredAt: transaction.success_time,
    donor: { platformUserId: payer?.openid ?? payer?.sp_openid },
  };
}

async function refundDrafts(
  refund: WechatPayRefund,
  context: MappingContext,
): Promise<DonationDraft[]> {
  const amountMinor = positiveFen(refund.amount.refund, 'amount.refund');
  const total = refund.amount.total;
  const campaign = await campaignOf(
    refund.attach,
    context,
    async () =>
      (await context.campaignOfTransaction(refund.transaction_id)) ??
      context.resolveCampaign(chargedMerchantOf(refund)),
  );
  const issued = await context.settleRefunds({
    platformTxnId: refund.transaction_id,
    observations: [{ basis: 'single', key: refund.refund_id, amountMinor }],
    ...(total === undefined ? {} : { capMinor: positiveFen(total, 'amount.total') }),
    campaign,
    currency: refund.amount.currency,
    occurredAt: refund.success_time,
  });
  return issued.map((issue) => issuedRefundDraft(issue));
}

/** `attach` first: the campaign itself, or a project for the registry; else `fallback`. */
async function campaignOf(
  attach: string | undefined,
  context: MappingContext,
  fallback: () => Promise<CampaignRef>,
): Promise<CampaignRef> {
  if (attach === undefined || attach === '') return pick(await fallback());
  let json: unknown;
  try {
    json = JSON.parse(attach);
  } catch {
    throw new WebhookError('WEBHOOK.MALFORMED_BODY', 'resource.attach is not JSON');
  }
  const parsed = TencentAttachSchema.safeParse(json);
  if (!parsed.success) {
    throw new WebhookError(
      'WEBHOOK.MALFORMED_BODY',
      'resource.attach names neither {campaignId, charityId} nor {projectId}',
    );
  }
  const named = parsed.data;
  return pick('campaignId' in named ? named : await context.resolveCampaign(named.projectId));
}

function pick({ campaignId, charityId }: CampaignRef): CampaignRef {
  return { campaignId, charityId };
}

/** The charity's merchant: `sub_mchid` in partner mode, `mchid` when it is paid directly. */
function chargedMerchantOf(resource: { mchid?: string; sub_mchid?: string }): string {
  const merchant = resource.sub_mchid ?? resource.mchid;
  if (merchant === undefined) {
    throw new WebhookError(
      'WEBHOOK.MALFORMED_BODY',
      'resource has no sub_mchid or mchid to find the campaign by',
    );
  }
  return merchant;
}

function positiveFen(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new WebhookError('WEBHOOK.INVALID_AMOUNT', `${field} must be a positive integer of fen`);
  }
  return value;
}

function assertSuccess(field: string, value: string): void {
  if (value !== 'SUCCESS') {
    throw new WebhookError(
      'WEBHOOK.INVALID_EVENT',
      `${field} is ${value.slice(0, 32)}, not SUCCESS`,
    );
  }
}

function parseResource<S extends z.ZodType>(schema: S, resource: unknown): z.output<S> {
  const result = schema.safeParse(resource);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = ['resource', ...issue.path.map(String)].join('.');
    throw new WebhookError('WEBHOOK.MALFORMED_BODY', `${field}: ${issue.message}`);
  }
  return result.data;
}
