import {
  CampaignRef,
  DonationDraft,
  InMemoryRefundState,
  IssuedRefund,
  MappingContext,
  RefundReport,
  WebhookError,
} from '@donations/adapter-kit';
import { makeUscc } from '@donations/contracts';
import { AlipayMapping } from './alipay.mapping';

const CHARITY = makeUscc('53100000500021676');
const SELLER = '2088101117955611';
const TRADE = '2026090922001400001234567890';

function paid(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const params: Record<string, string | undefined> = {
    notify_time: '2026-09-09 10:00:05',
    app_id: '2021004100000001',
    trade_no: TRADE,
    out_trade_no: 'donate-1',
    trade_status: 'TRADE_SUCCESS',
    seller_id: SELLER,
    buyer_id: '2088102177846880',
    total_amount: '88.88',
    gmt_payment: '2026-09-09 10:00:01',
    sign_type: 'RSA2',
    sign: 'c2lnbg==',
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

const refund = (refundFee: string, overrides: Record<string, string | undefined> = {}) =>
  paid({ refund_fee: refundFee, gmt_refund: '2026-09-10 09:00:00.123', ...overrides });

/** The pipeline's view of PostgreSQL: the registry, the donations and the refund state. */
class FakeContext implements MappingContext {
  readonly receivedAt = new Date('2026-09-09T02:00:06Z');
  readonly correlationId = 'c-1';
  readonly registry = new Map<string, CampaignRef>([
    [SELLER, { campaignId: 'campaign-1', charityId: CHARITY }],
    ['proj-7', { campaignId: 'campaign-7', charityId: CHARITY }],
  ]);
  readonly accepted: DonationDraft[] = [];

  resolveCampaign(projectId: string): Promise<CampaignRef> {
    const ref = this.registry.get(projectId);
    if (!ref) return Promise.reject(new WebhookError('WEBHOOK.UNKNOWN_CAMPAIGN', projectId));
    return Promise.resolve(ref);
  }

  campaignOfTransaction(txnId: string): Promise<CampaignRef | undefined> {
    const donation = this.accepted.find(
      (draft) => draft.platformTxnId === txnId && draft.type === 'donation.completed',
    );
    return Promise.resolve(donation && { campaignId: donation.campaignId, charityId: CHARITY });
  }

  readonly refundState = new InMemoryRefundState();

  settleRefunds(report: Omit<RefundReport, 'source'>): Promise<IssuedRefund[]> {
    return this.refundState.settle(report);
  }
}

describe('AlipayMapping', () => {
  const mapping = new AlipayMapping();
  let context: FakeContext;

  beforeEach(() => {
    context = new FakeContext();
  });

  /** Maps and, as the pipeline does, records what was emitted. */
  async function deliver(params: Record<string, string>): Promise<DonationDraft[]> {
    const drafts = await mapping.toDrafts(params, context);
    context.accepted.push(...drafts);
    return drafts;
  }

  async function codeOf(params: Record<string, string>): Promise<string> {
    try {
      await mapping.toDrafts(params, context);
      return 'accepted';
    } catch (error) {
      return error instanceof WebhookError ? error.code : String(error);
    }
  }

  const refunds = (drafts: DonationDraft[]) =>
    drafts
      .filter((draft) => draft.type === 'donation.refunded')
      .map(({ amountMinor, refundId }) => ({ amountMinor, refundId }));

  it.each(['TRADE_SUCCESS', 'TRADE_FINISHED'])(
    'maps a paid trade (%s) to a donation in fen, Beijing time, CNY',
    async (status) => {
      expect(await deliver(paid({ trade_status: status }))).toEqual([
        {
          type: 'donation.completed',
          platformTxnId: TRADE,
          campaignId: 'campaign-1',
          charityId: CHARITY,
          amountMinor: 8888,
          currency: 'CNY',
          occurredAt: '2026-09-09T10:00:01+08:00',
          donor: { platformUserId: '2088102177846880' },
        },
      ]);
    },
  );

  it('converts yuan without floating point error (0.29, 19.99)', async () => {
    expect((await deliver(paid({ total_amount: '0.29' })))[0].amountMinor).toBe(29);
    expect((await deliver(paid({ total_amount: '19.99' })))[0].amountMinor).toBe(1999);
  });

  it('takes the donor from buyer_open_id when there is no buyer_id', async () => {
    const [draft] = await deliver(paid({ buyer_id: undefined, buyer_open_id: 'open-1' }));
    expect(draft.donor.platformUserId).toBe('open-1');
  });

  it.each([
    ['WAIT_BUYER_PAY', paid({ trade_status: 'WAIT_BUYER_PAY', gmt_payment: undefined })],
    ['TRADE_CLOSED without refund_fee', paid({ trade_status: 'TRADE_CLOSED' })],
  ])('yields nothing for an unpaid trade: %s', async (_name, params) => {
    expect(await deliver(params)).toEqual([]);
  });

  it('turns cumulative refund_fee into the rise of the refunded level: 30.00 then 50.00', async () => {
    await deliver(paid());
    const first = await deliver(refund('30.00', { out_biz_no: 'R1' }));
    const second = await deliver(refund('50.00', { out_biz_no: 'R2' }));
    expect(refunds(first)).toEqual([{ amountMinor: 3000, refundId: 'level:3000' }]);
    expect(refunds(second)).toEqual([{ amountMinor: 2000, refundId: 'level:5000' }]);
    expect(second.find((draft) => draft.type === 'donation.refunded')?.occurredAt).toBe(
      '2026-09-10T09:00:00.123+08:00',
    );
  });

  it('refunds 50.00 in all when the second refund (cumulative 50.00) overtakes the first', async () => {
    const second = await deliver(refund('50.00', { out_biz_no: 'R2' }));
    const first = await deliver(refund('20.00', { out_biz_no: 'R1' }));
    expect([...refunds(second), ...refunds(first)]).toEqual([
      { amountMinor: 5000, refundId: 'level:5000' },
    ]);
  });

  it('yields no refund for a redelivered or overtaken refund notify, only the donation', async () => {
    await deliver(refund('30.00', { out_biz_no: 'R1' }));
    await deliver(refund('50.00', { out_biz_no: 'R2' }));
    for (const late of [refund('30.00', { out_biz_no: 'R1' }), refund('50.00')]) {
      const drafts = await deliver(late);
      expect(drafts.map((draft) => draft.type)).toEqual(['donation.completed']);
    }
  });

  it('carries the donation on a refund notify, so a refund before its donation adds up', async () => {
    const drafts = await deliver(refund('20.00', { out_biz_no: 'R1' }));
    expect(drafts.map(({ type, amountMinor }) => ({ type, amountMinor }))).toEqual([
      { type: 'donation.completed', amountMinor: 8888 },
      { type: 'donation.refunded', amountMinor: 2000 },
    ]);
  });

  it('maps a full refund (TRADE_CLOSED with refund_fee) to the rest of the amount', async () => {
    await deliver(refund('30.00', { out_biz_no: 'R1' }));
    const drafts = await deliver(refund('88.88', { trade_status: 'TRADE_CLOSED' }));
    expect(refunds(drafts)).toEqual([{ amountMinor: 5888, refundId: 'level:8888' }]);
  });

  it('serialises refund notifies on the trade, and only those', () => {
    expect(mapping.serializationKeyOf(refund('1.00'))).toBe(TRADE);
    expect(mapping.serializationKeyOf(paid())).toBeUndefined();
  });

  it('keeps a refund on the campaign its donation went to', async () => {
    await deliver(paid());
    context.registry.set(SELLER, { campaignId: 'campaign-moved', charityId: CHARITY });
    const drafts = await deliver(refund('1.00', { out_biz_no: 'R1' }));
    expect(new Set(drafts.map((draft) => draft.campaignId))).toEqual(new Set(['campaign-1']));
  });

  it.each([
    [
      'a campaign and charity',
      '{"campaignId":"campaign-9","charityId":"X"}',
      { campaignId: 'campaign-9', charityId: 'X' },
    ],
    ['a registered project', '{"projectId":"proj-7"}', { campaignId: 'campaign-7' }],
    ['something else of the merchant', 'order-source=app', { campaignId: 'campaign-1' }],
  ])('finds the campaign from passback_params naming %s', async (_name, passback, expected) => {
    const [draft] = await deliver(paid({ passback_params: encodeURIComponent(passback) }));
    expect(draft).toMatchObject(expected);
  });

  it.each([
    ['12.345', paid({ total_amount: '12.345' }), 'WEBHOOK.INVALID_AMOUNT'],
    ['abc', paid({ total_amount: 'abc' }), 'WEBHOOK.INVALID_AMOUNT'],
    ['-1.00', paid({ total_amount: '-1.00' }), 'WEBHOOK.INVALID_AMOUNT'],
    ['a refund_fee of 1e3', refund('1e3'), 'WEBHOOK.INVALID_AMOUNT'],
    ['a refund over the total', refund('88.89'), 'WEBHOOK.INVALID_AMOUNT'],
    [
      'an unknown trade_status',
      paid({ trade_status: 'TRADE_PENDING' }),
      'WEBHOOK.UNKNOWN_EVENT_TYPE',
    ],
    ['no trade_status', paid({ trade_status: undefined }), 'WEBHOOK.UNKNOWN_EVENT_TYPE'],
    ['no trade_no', paid({ trade_no: undefined }), 'WEBHOOK.MALFORMED_BODY'],
    ['no gmt_payment', paid({ gmt_payment: undefined }), 'WEBHOOK.MALFORMED_BODY'],
    ['a bad gmt_payment', paid({ gmt_payment: '2026-02-30 10:00:00' }), 'WEBHOOK.MALFORMED_BODY'],
    ['no total_amount', paid({ total_amount: '' }), 'WEBHOOK.MALFORMED_BODY'],
    ['an unknown seller', paid({ seller_id: '2088000000000000' }), 'WEBHOOK.UNKNOWN_CAMPAIGN'],
    ['no seller', paid({ seller_id: undefined }), 'WEBHOOK.MALFORMED_BODY'],
    [
      'a passback campaign without charity',
      paid({ passback_params: encodeURIComponent('{"campaignId":"c"}') }),
      'WEBHOOK.MALFORMED_BODY',
    ],
  ])('rejects %s with a stable code', async (_name, params, code) => {
    expect(await codeOf(params)).toBe(code);
  });
});
