import {
  CampaignRef,
  MappingContext,
  StandardWebhookMessage,
  WebhookError,
  WebhookErrorCode,
} from '@donations/adapter-kit';
import { makeUscc } from '@donations/contracts';
import { jdOrderPaid, jdOrderRefunded, TEST_PIN } from '../../test/jd-webhook.builder';
import { JdMapping, yuanToFen } from './jd.mapping';

const CHARITY = makeUscc('53100000500021676');
const REGISTERED: CampaignRef = { campaignId: 'campaign-registered', charityId: CHARITY };

function context(): MappingContext & { resolveCampaign: jest.Mock } {
  return {
    receivedAt: new Date('2026-09-09T02:00:02Z'),
    correlationId: 'c-1',
    resolveCampaign: jest.fn((projectId: string) =>
      projectId === 'act-1'
        ? Promise.resolve(REGISTERED)
        : Promise.reject(new WebhookError('WEBHOOK.UNKNOWN_CAMPAIGN', 'no campaign')),
    ),
    campaignOfTransaction: () => Promise.resolve(undefined),
    settleRefunds: () => Promise.resolve([]),
  };
}

const message = (body: unknown): StandardWebhookMessage => ({ id: 'msg_1', body });

async function codeOf(body: unknown): Promise<WebhookErrorCode | undefined> {
  try {
    const mapping = new JdMapping();
    mapping.transactionIdOf(message(body));
    await mapping.toDrafts(message(body), context());
    return undefined;
  } catch (error) {
    if (error instanceof WebhookError) return error.code;
    throw error;
  }
}

describe('JdMapping', () => {
  it('maps ORDER_PAID to a completed donation of the registered campaign, in fen', async () => {
    const body = jdOrderPaid();
    const ctx = context();
    const drafts = await new JdMapping().toDrafts(message(body), ctx);
    expect(drafts).toEqual([
      {
        type: 'donation.completed',
        platformTxnId: body.payload.orderId,
        campaignId: REGISTERED.campaignId,
        charityId: CHARITY,
        amountMinor: 1230,
        currency: 'CNY',
        occurredAt: '2026-09-09T10:00:01+08:00',
        donor: { platformUserId: TEST_PIN, ageBand: '25-34', region: 'CN-BJ' },
      },
    ]);
    expect(ctx.resolveCampaign).toHaveBeenCalledWith('act-1');
  });

  it('maps ORDER_REFUNDED to a refund carrying its refundId', async () => {
    const body = jdOrderRefunded({ refundId: 'rf-1', amount: '0.01' });
    const [draft] = await new JdMapping().toDrafts(message(body), context());
    expect(draft).toMatchObject({ type: 'donation.refunded', refundId: 'rf-1', amountMinor: 1 });
  });

  it('takes the pass-through charity before the registry', async () => {
    const charity = { campaignId: 'campaign-direct', creditCode: CHARITY };
    const ctx = context();
    const [draft] = await new JdMapping().toDrafts(message(jdOrderPaid({ charity })), ctx);
    expect(draft).toMatchObject({ campaignId: 'campaign-direct', charityId: CHARITY });
    expect(ctx.resolveCampaign).not.toHaveBeenCalled();
  });

  it('uses the orderId as the transaction id', () => {
    const body = jdOrderPaid({ orderId: 'jd-order-7' });
    expect(new JdMapping().transactionIdOf(message(body))).toBe('jd-order-7');
  });

  it.each([
    ['12.30', 1230],
    ['0.01', 1],
    ['12', 1200],
    ['12.3', 1230],
  ])('converts %s yuan to %d fen without floating point', (amount, fen) => {
    expect(yuanToFen(amount, 'CNY')).toBe(fen);
  });

  it.each([['12.345'], ['1e3'], ['-1'], ['0'], ['0.00'], [''], [' 1'], ['1,00'], ['.5']])(
    'rejects the amount %j as WEBHOOK.INVALID_AMOUNT',
    async (amount) => {
      expect(await codeOf(jdOrderPaid({ amount }))).toBe('WEBHOOK.INVALID_AMOUNT');
    },
  );

  it('rejects an unknown currency as WEBHOOK.UNKNOWN_CURRENCY', async () => {
    expect(await codeOf(jdOrderPaid({ currency: 'XYZ' }))).toBe('WEBHOOK.UNKNOWN_CURRENCY');
  });

  it('rejects a refund without refundId as a malformed body', async () => {
    const body = jdOrderRefunded();
    delete body.payload.refundId;
    expect(await codeOf(body)).toBe('WEBHOOK.MALFORMED_BODY');
  });

  it('rejects an unknown eventType as WEBHOOK.UNKNOWN_EVENT_TYPE', async () => {
    const body = { ...jdOrderPaid(), eventType: 'ORDER_TELEPORTED' };
    expect(await codeOf(body)).toBe('WEBHOOK.UNKNOWN_EVENT_TYPE');
  });

  it.each([
    ['a JSON array', []],
    ['null', null],
    ['no eventType', { payload: jdOrderPaid().payload }],
    ['a numeric amount', jdOrderPaid({ amount: 12.3 })],
    ['an eventTime without offset', jdOrderPaid({ eventTime: '2026-09-09T10:00:01' })],
    ['an unknown age band', jdOrderPaid({ ageRange: '30-40' })],
    ['a missing pin', jdOrderPaid({ pin: undefined })],
    ['a charity without creditCode', jdOrderPaid({ charity: { campaignId: 'c' } })],
  ])('rejects %s as WEBHOOK.MALFORMED_BODY', async (_name, body) => {
    expect(await codeOf(body)).toBe('WEBHOOK.MALFORMED_BODY');
  });

  it('passes an unknown activity on as WEBHOOK.UNKNOWN_CAMPAIGN', async () => {
    expect(await codeOf(jdOrderPaid({ activityId: 'nobody' }))).toBe('WEBHOOK.UNKNOWN_CAMPAIGN');
  });

  it('never puts the donor pin into an error message', async () => {
    const body = jdOrderPaid({ pin: 'x'.repeat(129) });
    const failure = await new JdMapping()
      .toDrafts(message(body), context())
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WebhookError);
    expect((failure as WebhookError).message).not.toContain('xxxx');
  });
});
