import {
  CampaignRef,
  DonationDraft,
  InMemoryRefundState,
  MappingContext,
  StripeWebhookMessage,
  WebhookError,
} from '@donations/adapter-kit';
import { donationEventId, makeUscc } from '@donations/contracts';
import {
  aRefund,
  CREATED,
  chargeRefunded,
  chargeSucceeded,
  checkoutSessionCompleted,
  refundEvent,
  stripeId,
} from '../../test/stripe-events.builder';
import { StripeMapping } from './stripe.mapping';

const CAMPAIGN: CampaignRef = {
  campaignId: 'campaign-1',
  charityId: makeUscc('53100000500021676'),
};
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

function contextWith(
  overrides: Partial<MappingContext> = {},
  refundState = new InMemoryRefundState(),
): MappingContext {
  return {
    receivedAt: new Date(),
    correlationId: 'c-1',
    resolveCampaign: jest.fn((projectId: string) =>
      projectId === 'proj-1'
        ? Promise.resolve(CAMPAIGN)
        : Promise.reject(new WebhookError('WEBHOOK.UNKNOWN_CAMPAIGN', 'unknown')),
    ),
    campaignOfTransaction: jest.fn(() => Promise.resolve(undefined)),
    settleRefunds: (report) => refundState.settle(report),
    ...overrides,
  };
}

const message = (body: unknown): StripeWebhookMessage => ({ body });

async function draftsOf(body: unknown, context = contextWith()): Promise<DonationDraft[]> {
  return new StripeMapping().toDrafts(message(body), context);
}

async function codeOf(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    return error instanceof WebhookError ? error.code : 'NOT_A_WEBHOOK_ERROR';
  }
  return undefined;
}

const eventIdOf = (draft: DonationDraft) => donationEventId({ platform: 'stripe', ...draft });

describe('StripeMapping: donations', () => {
  it('maps a paid checkout session to a donation of its PaymentIntent', async () => {
    const session = checkoutSessionCompleted();
    const [draft, ...rest] = await draftsOf(session);
    expect(rest).toEqual([]);
    expect(draft).toEqual({
      type: 'donation.completed',
      platformTxnId: session.data.object.payment_intent,
      ...CAMPAIGN,
      amountMinor: 2500,
      currency: 'USD',
      occurredAt: iso(session.created),
      donor: { platformUserId: 'cus_donor42' },
    });
  });

  it('gives checkout.session.completed and charge.succeeded of one payment the same eventId', async () => {
    const pi = stripeId('pi');
    const mapping = new StripeMapping();
    const session = message(checkoutSessionCompleted({ payment_intent: pi }));
    const charge = message(chargeSucceeded({ payment_intent: pi }));
    expect(mapping.transactionIdOf(session)).toBe(pi);
    expect(mapping.transactionIdOf(charge)).toBe(pi);
    const [fromSession] = await mapping.toDrafts(session, contextWith());
    const [fromCharge] = await mapping.toDrafts(charge, contextWith());
    expect(eventIdOf(fromSession)).toBe(eventIdOf(fromCharge));
    expect(fromCharge.occurredAt).toBe(iso(CREATED));
  });

  it('falls back on the charge id for a charge without a PaymentIntent', async () => {
    const charge = chargeSucceeded({ payment_intent: null });
    const [draft] = await draftsOf(charge);
    expect(draft.platformTxnId).toBe(charge.data.object.id);
  });

  it('reads an expanded PaymentIntent and customer', async () => {
    const pi = stripeId('pi');
    const charge = chargeSucceeded({ payment_intent: { id: pi }, customer: { id: 'cus_9' } });
    const [draft] = await draftsOf(charge);
    expect(draft.platformTxnId).toBe(pi);
    expect(draft.donor.platformUserId).toBe('cus_9');
  });

  it.each([
    ['an unpaid session', { payment_status: 'unpaid' }],
    ['a subscription session', { mode: 'subscription', payment_intent: null }],
  ])('adds nothing for %s', async (_name, fields) => {
    expect(await draftsOf(checkoutSessionCompleted(fields))).toEqual([]);
  });

  it.each([
    ['jpy', 5000, 'JPY', 5000],
    ['krw', 50000, 'KRW', 50000],
    ['usd', 2599, 'USD', 2599],
    ['kwd', 5120, 'KWD', 5120],
  ])('takes %s %d as %s %d minor units', async (currency, amount, iso4217, amountMinor) => {
    const [fromCharge] = await draftsOf(chargeSucceeded({ currency, amount }));
    const [fromSession] = await draftsOf(
      checkoutSessionCompleted({ currency, amount_total: amount }),
    );
    for (const draft of [fromCharge, fromSession]) {
      expect(draft).toMatchObject({ currency: iso4217, amountMinor });
    }
  });

  it('passes campaignId and charityId from metadata through without the registry', async () => {
    const context = contextWith();
    const metadata = { campaignId: 'campaign-x', charityId: CAMPAIGN.charityId };
    const [draft] = await draftsOf(chargeSucceeded({ metadata }), context);
    expect(draft).toMatchObject(metadata);
    expect(context.resolveCampaign).not.toHaveBeenCalled();
  });

  it.each([
    ['no metadata', { metadata: {} }],
    ['an unregistered project', { metadata: { projectId: 'nobody-knows' } }],
    ['a campaignId without charityId', { metadata: { campaignId: 'campaign-x' } }],
  ])('rejects a donation with %s as UNKNOWN_CAMPAIGN', async (_name, fields) => {
    expect(await codeOf(() => draftsOf(chargeSucceeded(fields)))).toBe('WEBHOOK.UNKNOWN_CAMPAIGN');
  });

  it('sends a charge without campaign metadata where its checkout session was counted', async () => {
    const pi = stripeId('pi');
    const context = contextWith({
      campaignOfTransaction: jest.fn(() => Promise.resolve(CAMPAIGN)),
    });
    const [draft] = await draftsOf(chargeSucceeded({ payment_intent: pi, metadata: {} }), context);
    expect(draft).toMatchObject(CAMPAIGN);
    expect(context.campaignOfTransaction).toHaveBeenCalledWith(pi);
  });

  it('looks no further than the metadata for a checkout session', async () => {
    const context = contextWith({
      campaignOfTransaction: jest.fn(() => Promise.resolve(CAMPAIGN)),
    });
    const session = checkoutSessionCompleted({ metadata: null });
    expect(await codeOf(() => draftsOf(session, context))).toBe('WEBHOOK.UNKNOWN_CAMPAIGN');
  });

  it('identifies the donor by e-mail, normalised, when there is no customer', async () => {
    const charge = chargeSucceeded({ customer: null, billing_details: { email: ' Donor@X.org ' } });
    const [draft] = await draftsOf(charge);
    expect(draft.donor).toEqual({ platformUserId: 'donor@x.org' });
  });

  it('leaves an anonymous donor anonymous', async () => {
    const charge = chargeSucceeded({ customer: null, billing_details: { email: null } });
    const [draft] = await draftsOf(charge);
    expect(draft.donor).toEqual({ platformUserId: undefined });
  });
});

describe('StripeMapping: refunds', () => {
  it('counts listed refund objects (old API versions) once, skipping failed ones', async () => {
    const [first, second] = [aRefund({ amount: 500 }), aRefund({ amount: 700 })];
    const failed = aRefund({ amount: 900, status: 'failed' });
    const refunded = chargeRefunded({
      amount_refunded: 1200,
      refunds: { object: 'list', data: [second, failed, first], has_more: false },
    });
    const drafts = await draftsOf(refunded);
    expect(drafts.map((draft) => [draft.refundId, draft.amountMinor, draft.type])).toEqual([
      ['level:1200', 1200, 'donation.refunded'],
    ]);
    expect(drafts[0].occurredAt).toBe(iso(refunded.created));
  });

  it('emits the rise of a cumulative amount_refunded, serialised on the payment', async () => {
    const pi = stripeId('pi');
    const refundState = new InMemoryRefundState();
    const context = contextWith({}, refundState);
    await draftsOf(chargeRefunded({ payment_intent: pi, amount_refunded: 500 }, 0), context);
    const refunded = chargeRefunded({ payment_intent: pi, amount_refunded: 1500 }, 500);
    const [draft, ...rest] = await draftsOf(refunded, context);
    expect(rest).toEqual([]);
    expect(draft).toMatchObject({
      type: 'donation.refunded',
      platformTxnId: pi,
      refundId: 'level:1500',
      amountMinor: 1000,
      currency: 'USD',
      occurredAt: iso(refunded.created),
    });
    expect(new StripeMapping().serializationKeyOf(message(refunded))).toBe(pi);
  });

  it('counts a refund.created and the charge.refunded of the same refund once', async () => {
    const pi = stripeId('pi');
    const context = contextWith();
    const created = refundEvent('refund.created', {
      payment_intent: pi,
      amount: 700,
      metadata: { projectId: 'proj-1' },
    });
    const refunded = chargeRefunded({ payment_intent: pi, amount_refunded: 700 }, 0);
    const drafts = [...(await draftsOf(created, context)), ...(await draftsOf(refunded, context))];
    expect(drafts.map((draft) => [draft.platformTxnId, draft.amountMinor])).toEqual([[pi, 700]]);
    expect(new StripeMapping().serializationKeyOf(message(created))).toBe(pi);
  });

  it.each(['pending', 'failed', 'canceled', 'requires_action'])(
    'reports nothing for a refund.updated that is %s',
    async (status) => {
      expect(await draftsOf(refundEvent('refund.updated', { status }))).toEqual([]);
    },
  );

  it('sends a refund without campaign metadata where its donation went', async () => {
    const pi = stripeId('pi');
    const other = { campaignId: 'campaign-9', charityId: CAMPAIGN.charityId };
    const context = contextWith({ campaignOfTransaction: jest.fn(() => Promise.resolve(other)) });
    const refunded = chargeRefunded({ payment_intent: pi, metadata: {}, amount_refunded: 100 }, 0);
    const [draft] = await draftsOf(refunded, context);
    expect(draft).toMatchObject(other);
    expect(context.campaignOfTransaction).toHaveBeenCalledWith(pi);
  });

  it('rejects a refund of an unknown donation without metadata as UNKNOWN_CAMPAIGN', async () => {
    const refunded = chargeRefunded({ metadata: {}, amount_refunded: 100 }, 0);
    expect(await codeOf(() => draftsOf(refunded))).toBe('WEBHOOK.UNKNOWN_CAMPAIGN');
  });

  it('needs no lock for donations', () => {
    expect(new StripeMapping().serializationKeyOf(message(chargeSucceeded()))).toBeUndefined();
  });
});

describe('StripeMapping: rejections', () => {
  it.each([
    ['another event type', { ...chargeSucceeded(), type: 'payment_intent.created' }],
    ['a body that is no event', [1, 2]],
    ['null', null],
  ])('rejects %s as UNKNOWN_EVENT_TYPE', async (_name, body) => {
    const mapping = new StripeMapping();
    expect(await codeOf(() => draftsOf(body))).toBe('WEBHOOK.UNKNOWN_EVENT_TYPE');
    expect(
      await codeOf(() => Promise.resolve().then(() => mapping.transactionIdOf(message(body)))),
    ).toBe('WEBHOOK.UNKNOWN_EVENT_TYPE');
  });

  it.each([
    ['an amount as a string', chargeSucceeded({ amount: '2500' })],
    ['a charge without id', chargeSucceeded({ id: undefined })],
    ['a created far in the future', chargeSucceeded({ created: 1e15 })],
    ['a paid session without amount', checkoutSessionCompleted({ amount_total: null })],
  ])('rejects %s as MALFORMED_BODY', async (_name, body) => {
    expect(await codeOf(() => draftsOf(body))).toBe('WEBHOOK.MALFORMED_BODY');
  });

  it('rejects an unknown currency as UNKNOWN_CURRENCY', async () => {
    expect(await codeOf(() => draftsOf(chargeSucceeded({ currency: 'xyz' })))).toBe(
      'WEBHOOK.UNKNOWN_CURRENCY',
    );
  });
});
