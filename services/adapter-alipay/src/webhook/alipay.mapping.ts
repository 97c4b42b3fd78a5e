import {
  AlipayNotifyParams,
  CampaignRef,
  DonationDraft,
  issuedRefundDraft,
  MappingContext,
  PlatformMapping,
  WebhookError,
} from '@donations/adapter-kit';
import { decimalToMinor, MoneyError } from '@donations/contracts';
import { passbackTarget } from './alipay-passback';
import { ALIPAY_TRADE_STATUSES, AlipayNotify, AlipayNotifySchema } from './dto/alipay-notify.dto';

const CURRENCY = 'CNY';

/**
 * 支付宝 trade notifies to donation drafts. A paid trade (TRADE_SUCCESS, TRADE_FINISHED) is a
 * donation. A refund comes as a cumulative `refund_fee` (TRADE_SUCCESS for a partial refund,
 * TRADE_CLOSED for a full one): a `cumulative` observation of the trade (settleRefunds), so the
 * trade's refunded level is the largest refund_fee seen (or the statement's refund rows, if they
 * add up to more) and only its rise is emitted, whatever the order of the notifies. Such a notify
 * also proves the payment and carries the donation too (same eventId), so a refund before its
 * donation still ends in the right totals. Unpaid trades (WAIT_BUYER_PAY, TRADE_CLOSED without
 * refund_fee) yield nothing.
 */
export class AlipayMapping implements PlatformMapping<AlipayNotifyParams> {
  readonly platform = 'alipay' as const;

  transactionIdOf(params: AlipayNotifyParams): string {
    return parse(params).trade_no;
  }

  /** Refund notifies settle the trade's refund state: one at a time per trade. */
  serializationKeyOf(params: AlipayNotifyParams): string | undefined {
    return params.refund_fee && params.trade_no ? params.trade_no : undefined;
  }

  async toDrafts(params: AlipayNotifyParams, context: MappingContext): Promise<DonationDraft[]> {
    const notify = parse(params);
    switch (notify.trade_status) {
      case 'WAIT_BUYER_PAY':
        return [];
      case 'TRADE_CLOSED':
        return notify.refund_fee === undefined ? [] : refundDrafts(notify, context);
      case 'TRADE_SUCCESS':
      case 'TRADE_FINISHED':
        return notify.refund_fee === undefined
          ? [donationDraft(notify, await campaignOf(notify, context))]
          : refundDrafts(notify, context);
    }
  }
}

async function refundDrafts(notify: AlipayNotify, context: MappingContext) {
  const cumulativeFen = fenOf(notify.refund_fee, 'refund_fee');
  const campaign =
    (await context.campaignOfTransaction(notify.trade_no)) ?? (await campaignOf(notify, context));
  const donation = donationDraft(notify, campaign);
  if (cumulativeFen > donation.amountMinor) {
    throw new WebhookError('WEBHOOK.INVALID_AMOUNT', 'refund_fee exceeds total_amount');
  }
  const issued = await context.settleRefunds({
    platformTxnId: notify.trade_no,
    // refund_fee is the trade's refunded total; out_biz_no names the request, not the figure.
    observations: [
      {
        basis: 'cumulative',
        key: notify.out_biz_no ?? `fee:${cumulativeFen}`,
        amountMinor: cumulativeFen,
      },
    ],
    capMinor: donation.amountMinor,
    campaign,
    currency: CURRENCY,
    occurredAt: required(notify.gmt_refund, 'gmt_refund'),
  });
  const donor = donation.donor;
  return [donation, ...issued.map((refund) => issuedRefundDraft(refund, donor))];
}

function donationDraft(notify: AlipayNotify, campaign: CampaignRef): DonationDraft {
  return {
    type: 'donation.completed',
    platformTxnId: notify.trade_no,
    campaignId: campaign.campaignId,
    charityId: campaign.charityId,
    amountMinor: fenOf(notify.total_amount, 'total_amount'),
    currency: CURRENCY,
    occurredAt: required(notify.gmt_payment, 'gmt_payment'),
    donor: { platformUserId: notify.buyer_id ?? notify.buyer_open_id },
  };
}

/** passback_params' campaign, else the registry by its projectId or by seller_id. */
async function campaignOf(notify: AlipayNotify, context: MappingContext): Promise<CampaignRef> {
  const target = passbackTarget(notify.passback_params);
  if (target && 'campaign' in target) return target.campaign;
  const projectId = target?.projectId ?? notify.seller_id;
  if (projectId === undefined) {
    throw new WebhookError(
      'WEBHOOK.MALFORMED_BODY',
      'seller_id or passback_params is required to find the campaign',
    );
  }
  return context.resolveCampaign(projectId);
}

/** Yuan with at most two decimals ("88.88") to integer fen, by string arithmetic. */
function fenOf(amount: string | undefined, field: string): number {
  try {
    return decimalToMinor(required(amount, field), CURRENCY);
  } catch (error) {
    if (error instanceof MoneyError) {
      throw new WebhookError('WEBHOOK.INVALID_AMOUNT', `${field}: ${error.message}`);
    }
    throw error;
  }
}

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined) {
    throw new WebhookError('WEBHOOK.MALFORMED_BODY', `${field} is required for this trade_status`);
  }
  return value;
}

function parse(params: AlipayNotifyParams): AlipayNotify {
  const status = params.trade_status;
  if (!(ALIPAY_TRADE_STATUSES as readonly string[]).includes(status ?? '')) {
    throw new WebhookError(
      'WEBHOOK.UNKNOWN_EVENT_TYPE',
      `unknown trade_status ${String(status).slice(0, 64)}`,
    );
  }
  // An empty parameter is an absent one.
  const present = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== ''));
  const result = AlipayNotifySchema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new WebhookError('WEBHOOK.MALFORMED_BODY', `${issue.path.join('.')}: ${issue.message}`);
  }
  return result.data;
}
