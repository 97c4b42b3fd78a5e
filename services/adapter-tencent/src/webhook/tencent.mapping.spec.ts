import {
  CampaignRef,
  InMemoryRefundState,
  MappingContext,
  toDonationEvent,
  WebhookError,
  WechatPayNotification,
} from '@donations/adapter-kit';
import { makeUscc } from '@donations/contracts';
import { TencentMapping } from './tencent.mapping';

const CHARITY = makeUscc('53100000500021676');
const BY_ATTACH: CampaignRef = { campaignId: 'campaign-attach', charityId: CHARITY };
const BY_PROJECT: CampaignRef = { campaignId: 'campaign-project', charityId: CHARITY };
const BY_MERCHANT: CampaignRef = { campaignId: 'campaign-merchant', charityId: CHARITY };
const OF_DONATION: CampaignRef = { campaignId: 'campaign-of-donation', charityId: CHARITY };
const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';

function transaction(overrides: Record<string, unknown> = {}) {
  return {
    sp_mchid: '1230000109',
    sub_mchid: '1900000109',
    transaction_id: '4200000000202609091234567890',
    out_trade_no: 'order-1',
    trade_state: 'SUCCESS',
    success_time: '2026-09-09T10:00:01+08:00',
    payer: { openid: OPENID },
    amount: { total: 500, currency: 'CNY', payer_total: 500, payer_currency: 'CNY' },
    ...overrides,
  };
}

function refund(overrides: Record<string, unknown> = {}) {
  return {
    mchid: '1900000109',
    transaction_id: '4200000000202609091234567890',
    refund_id: '50000000382019052709732678859',
    out_refund_no: 'refund-1',
    refund_status: 'SUCCESS',
    success_time: '2026-09-10T10:00:01+08:00',
    amount: { total: 500, refund: 200, payer_total: 500, payer_refund: 200 },
    ...overrides,
  };
}

function notify(eventType: string, resource: unknown): WechatPayNotification {
  return {
    id: 'EV-1',
    createTime: '2026-09-09T10:00:02+08:00',
    eventType,
    resourceType: 'encrypt-resource',
    summary: '',
    originalType: eventType.startsWith('REFUND') ? 'refund' : 'transaction',
    resource,
  };
}

function contextWith(earlier?: CampaignRef) {
  const resolved: string[] = [];
  const refundState = new InMemoryRefundState();
  const context: MappingContext = {
    receivedAt: new Date('2026-09-09T02:00:03Z'),
    correlationId: 'c-1',
    resolveCampaign: (id) => {
      resolved.push(id);
      if (id === 'project-7') return Promise.resolve(BY_PROJECT);
      if (id === '1900000109') return Promise.resolve(BY_MERCHANT);
      return Promise.reject(new WebhookError('WEBHOOK.UNKNOWN_CAMPAIGN', `no campaign for ${id}`));
    },
    campaignOfTransaction: () => Promise.resolve(earlier),
    settleRefunds: (report) => refundState.settle(report),
  };
  return { context, resolved };
}

const mapping = new TencentMapping();

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WebhookError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('TencentMapping', () => {
  it('maps TRANSACTION.SUCCESS to a donation of the merchant’s campaign', async () => {
    const { context, resolved } = contextWith();
    const drafts = await mapping.toDrafts(notify('TRANSACTION.SUCCESS', transaction()), context);
    expect(drafts).toEqual([
      {
        type: 'donation.completed',
        platformTxnId: '4200000000202609091234567890',
        ...BY_MERCHANT,
        amountMinor: 500,
        currency: 'CNY',
        occurredAt: '2026-09-09T10:00:01+08:00',
        donor: { platformUserId: OPENID },
      },
    ]);
    expect(resolved).toEqual(['1900000109']);
  });

  it('makes a valid DonationEvent v1 that does not carry the openid', async () => {
    const { context } = contextWith();
    const [draft] = await mapping.toDrafts(notify('TRANSACTION.SUCCESS', transaction()), context);
    const event = toDonationEvent(draft, {
      platform: 'tencent',
      receivedAt: context.receivedAt,
      correlationId: 'c-1',
      donorHashKey: 'k'.repeat(32),
    });
    expect(event.platform).toBe('tencent');
    expect(JSON.stringify(event)).not.toContain(OPENID);
  });

  it.each([
    ['the campaign in attach', JSON.stringify(BY_ATTACH), BY_ATTACH, []],
    [
      'a project in attach, through the registry',
      '{"projectId":"project-7"}',
      BY_PROJECT,
      ['project-7'],
    ],
    ['an empty attach, by the merchant', '', BY_MERCHANT, ['1900000109']],
  ])('takes %s', async (_name, attach, campaign, lookups) => {
    const { context, resolved } = contextWith();
    const resource = transaction({ attach });
    const [draft] = await mapping.toDrafts(notify('TRANSACTION.SUCCESS', resource), context);
    expect(draft).toMatchObject(campaign);
    expect(resolved).toEqual(lookups);
  });

  it('resolves a directly paid merchant by mchid', async () => {
    const { context, resolved } = contextWith();
    const resource = transaction({
      sp_mchid: undefined,
      sub_mchid: undefined,
      mchid: '1900000109',
    });
    await mapping.toDrafts(notify('TRANSACTION.SUCCESS', resource), context);
    expect(resolved).toEqual(['1900000109']);
  });

  it('maps REFUND.SUCCESS to a refund of amount.refund, in the campaign of its donation', async () => {
    const { context, resolved } = contextWith(OF_DONATION);
    const drafts = await mapping.toDrafts(notify('REFUND.SUCCESS', refund()), context);
    expect(await mapping.toDrafts(notify('REFUND.SUCCESS', refund()), context)).toEqual([]);
    expect(mapping.serializationKeyOf(notify('REFUND.SUCCESS', refund()))).toBe(
      '4200000000202609091234567890',
    );
    expect(drafts).toEqual([
      {
        type: 'donation.refunded',
        platformTxnId: '4200000000202609091234567890',
        refundId: 'level:200',
        ...OF_DONATION,
        amountMinor: 200,
        currency: 'CNY',
        occurredAt: '2026-09-10T10:00:01+08:00',
        donor: {},
      },
    ]);
    expect(resolved).toEqual([]);
  });

  it('finds the campaign of a refund that precedes its donation by the merchant', async () => {
    const { context } = contextWith(undefined);
    const [draft] = await mapping.toDrafts(notify('REFUND.SUCCESS', refund()), context);
    expect(draft).toMatchObject(BY_MERCHANT);
  });

  it('prefers attach over the donation’s campaign for a refund', async () => {
    const { context } = contextWith(OF_DONATION);
    const resource = refund({ attach: JSON.stringify(BY_ATTACH) });
    const [draft] = await mapping.toDrafts(notify('REFUND.SUCCESS', resource), context);
    expect(draft).toMatchObject(BY_ATTACH);
  });

  it.each([
    ['REFUND.ABNORMAL', refund({ refund_status: 'ABNORMAL' })],
    ['REFUND.CLOSED', refund({ refund_status: 'CLOSED' })],
    ['TRANSACTION.CLOSED', { transaction_id: '4200000000202609091234567890' }],
  ])('acknowledges %s without an event', async (eventType, resource) => {
    const notification = notify(eventType, resource);
    expect(await mapping.toDrafts(notification, contextWith().context)).toEqual([]);
    expect(mapping.transactionIdOf(notification)).toBe('4200000000202609091234567890');
  });

  it.each<[string, WechatPayNotification, string]>([
    [
      'an unknown event type',
      notify('PAYSCORE.USER_CONFIRM', transaction()),
      'WEBHOOK.UNKNOWN_EVENT_TYPE',
    ],
    [
      'a negative amount',
      notify('TRANSACTION.SUCCESS', transaction({ amount: { total: -5 } })),
      'WEBHOOK.INVALID_AMOUNT',
    ],
    [
      'a zero amount',
      notify('TRANSACTION.SUCCESS', transaction({ amount: { total: 0 } })),
      'WEBHOOK.INVALID_AMOUNT',
    ],
    [
      'a fractional amount',
      notify('TRANSACTION.SUCCESS', transaction({ amount: { total: 1.5 } })),
      'WEBHOOK.INVALID_AMOUNT',
    ],
    [
      'an unsafe integer amount',
      notify('TRANSACTION.SUCCESS', transaction({ amount: { total: 2 ** 53 } })),
      'WEBHOOK.INVALID_AMOUNT',
    ],
    [
      'a negative refund',
      notify('REFUND.SUCCESS', refund({ amount: { refund: -1 } })),
      'WEBHOOK.INVALID_AMOUNT',
    ],
    [
      'a trade_state other than SUCCESS',
      notify('TRANSACTION.SUCCESS', transaction({ trade_state: 'REFUND' })),
      'WEBHOOK.INVALID_EVENT',
    ],
    [
      'a refund_status other than SUCCESS',
      notify('REFUND.SUCCESS', refund({ refund_status: 'PROCESSING' })),
      'WEBHOOK.INVALID_EVENT',
    ],
    [
      'a resource that is not an object',
      notify('TRANSACTION.SUCCESS', 'x'),
      'WEBHOOK.MALFORMED_BODY',
    ],
    [
      'a transaction without transaction_id',
      notify('TRANSACTION.SUCCESS', transaction({ transaction_id: undefined })),
      'WEBHOOK.MALFORMED_BODY',
    ],
    [
      'a refund without refund_id',
      notify('REFUND.SUCCESS', refund({ refund_id: undefined })),
      'WEBHOOK.MALFORMED_BODY',
    ],
    [
      'an attach that is not JSON',
      notify('TRANSACTION.SUCCESS', transaction({ attach: 'gift' })),
      'WEBHOOK.MALFORMED_BODY',
    ],
    [
      'an attach naming no campaign',
      notify('TRANSACTION.SUCCESS', transaction({ attach: '{"x":1}' })),
      'WEBHOOK.MALFORMED_BODY',
    ],
    [
      'no merchant to resolve',
      notify('TRANSACTION.SUCCESS', transaction({ sp_mchid: undefined, sub_mchid: undefined })),
      'WEBHOOK.MALFORMED_BODY',
    ],
    [
      'an unregistered merchant',
      notify('TRANSACTION.SUCCESS', transaction({ sub_mchid: '1999999999' })),
      'WEBHOOK.UNKNOWN_CAMPAIGN',
    ],
  ])('rejects %s', async (_name, notification, code) => {
    expect(await codeOf(mapping.toDrafts(notification, contextWith().context))).toBe(code);
  });

  it('rejects an unknown event type already when asked for its transaction', () => {
    const transactionId = () => mapping.transactionIdOf(notify('MARKETING.X', {}));
    expect(transactionId).toThrow(WebhookError);
    expect(transactionId).toThrow('unknown event_type MARKETING.X');
  });

  it('never puts the openid in a rejection message', async () => {
    const openid = `${OPENID}${'x'.repeat(200)}`;
    const resource = transaction({ payer: { openid } });
    const error: unknown = await mapping
      .toDrafts(notify('TRANSACTION.SUCCESS', resource), contextWith().context)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'WEBHOOK.MALFORMED_BODY' });
    expect((error as WebhookError).message).not.toContain(OPENID);
  });

  describe('with WECHATPAY_MCHID set', () => {
    const ours = new TencentMapping({ merchantId: '1230000109' });

    it('accepts notifications for our (service provider) merchant id', async () => {
      const drafts = await ours.toDrafts(
        notify('TRANSACTION.SUCCESS', transaction()),
        contextWith().context,
      );
      expect(drafts).toHaveLength(1);
    });

    it('refuses a notification for another merchant', async () => {
      const resource = transaction({ sp_mchid: '1111111111' });
      const promise = ours.toDrafts(notify('TRANSACTION.SUCCESS', resource), contextWith().context);
      expect(await codeOf(promise)).toBe('WEBHOOK.INVALID_EVENT');
    });
  });
});
