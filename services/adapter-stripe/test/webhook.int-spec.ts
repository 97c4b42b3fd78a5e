import Stripe from 'stripe';
import { donationEventId, DonationEventV1, makeUscc } from '@donations/contracts';
import { loadConfig } from '@donations/config';
import { AdapterHarness, adapterTestEnv, uniqueSuffix } from '@donations/testing';
import { AppModule } from '../src/app.module';
import { AdapterStripeConfigSchema } from '../src/config/adapter-stripe.config';
import {
  aRefund,
  chargeRefunded,
  chargeSucceeded,
  checkoutSessionCompleted,
  stripeId,
} from './stripe-events.builder';

const OLD_SECRET = 'whsec_stripe-old-secret-0123456789abcdef';
const NEW_SECRET = 'whsec_stripe-new-secret-0123456789abcdef';
const CHARITY = makeUscc('53100000500021676');

interface SendOptions {
  secret?: string;
  at?: Date;
  tamper?: boolean;
  contentType?: string;
  /** A ready-made Stripe-Signature header instead of one signed with `secret` at `at`. */
  signature?: string;
}

const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

function sign(payload: string, secret = NEW_SECRET, at = new Date()): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: seconds(at) });
}

function v1Of(header: string): string {
  return /v1=([0-9a-f]+)/.exec(header)![1];
}

const amountsByEventId = (events: DonationEventV1[]) =>
  Object.fromEntries(events.map((event) => [event.eventId, event.amountMinor]));

describe('adapter-stripe (Stripe-Signature) on real Kafka and PostgreSQL', () => {
  let harness: AdapterHarness;
  const campaignId = `campaign-${uniqueSuffix()}`;

  beforeAll(async () => {
    const prepared = await AdapterHarness.prepare();
    const config = loadConfig(AdapterStripeConfigSchema, {
      ...adapterTestEnv(prepared.prefix, prepared.schema.schema),
      STRIPE_WEBHOOK_SECRETS: `${NEW_SECRET},${OLD_SECRET}`,
    });
    harness = await AdapterHarness.start(prepared, 'adapter-stripe', AppModule.register(config));
    await harness.register('stripe', 'proj-1', campaignId, CHARITY);
  });

  afterAll(() => harness.close());

  function send(event: unknown, options: SendOptions = {}) {
    const payload = JSON.stringify(event);
    const raw = Buffer.from(payload);
    const signature = options.signature ?? sign(payload, options.secret, options.at);
    if (options.tamper) raw[raw.length - 3] ^= 0x01;
    const correlationId = `c-${uniqueSuffix()}`;
    return {
      correlationId,
      raw,
      result: harness.post('/webhooks/stripe', raw, {
        'content-type': options.contentType ?? 'application/json; charset=utf-8',
        'stripe-signature': signature,
        'x-correlation-id': correlationId,
      }),
    };
  }

  async function accepted(event: unknown, options: SendOptions = {}): Promise<void> {
    const answer = await send(event, options).result;
    expect({ status: answer.status, body: answer.text }).toEqual({
      status: 200,
      body: JSON.stringify({ received: true }),
    });
  }

  it('accepts checkout.session.completed only after it is on donations.normalized.v1 and donations.raw', async () => {
    const event = checkoutSessionCompleted();
    const pi = event.data.object.payment_intent as string;
    await accepted(event);
    const [donation] = await harness.waitForEvents(pi, 1);
    expect(donation).toMatchObject({
      type: 'donation.completed',
      platform: 'stripe',
      platformTxnId: pi,
      campaignId,
      charityId: CHARITY,
      amountMinor: 2500,
      currency: 'USD',
      occurredAt: new Date(event.created * 1000).toISOString(),
      eventId: donationEventId({
        platform: 'stripe',
        type: 'donation.completed',
        platformTxnId: pi,
      }),
    });
    expect(JSON.stringify(donation)).not.toMatch(/cus_donor42|donor@example/);
    const raw = await harness.waitForRaw(`stripe:${pi}`);
    expect(Buffer.from(raw.value.bodyBase64, 'base64').toString()).toBe(JSON.stringify(event));
    expect(Object.keys(raw.value.headers)).toContain('stripe-signature');
  });

  it('counts checkout.session.completed and charge.succeeded of one payment once: the same eventId', async () => {
    const pi = stripeId('pi');
    await accepted(checkoutSessionCompleted({ payment_intent: pi }));
    // Checkout copies only payment_intent_data.metadata to the charge: this one has none.
    await accepted(chargeSucceeded({ payment_intent: pi, metadata: {} }));
    const events = await harness.waitForEvents(pi, 2);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(1);
    expect(new Set(events.map((event) => event.campaignId))).toEqual(new Set([campaignId]));
  });

  it('answers a replayed request with success and counts it once', async () => {
    const event = chargeSucceeded();
    const signature = sign(JSON.stringify(event));
    await accepted(event, { signature });
    await accepted(event, { signature });
    const events = await harness.waitForEvents(event.data.object.payment_intent as string, 2);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(1);
  });

  it.each([
    ['the old', OLD_SECRET],
    ['the new', NEW_SECRET],
  ])('verifies with %s secret while the secret is rolled', async (_name, secret) => {
    const event = chargeSucceeded();
    await accepted(event, { secret });
    await harness.waitForEvents(event.data.object.payment_intent as string, 1);
  });

  it('accepts a header with two v1 signatures of which one matches', async () => {
    const event = chargeSucceeded();
    const payload = JSON.stringify(event);
    const at = new Date();
    const stranger = v1Of(sign(payload, 'whsec_someone-else', at));
    const signature = `t=${seconds(at)},v1=${stranger},v1=${v1Of(sign(payload, OLD_SECRET, at))}`;
    await accepted(event, { signature });
    await harness.waitForEvents(event.data.object.payment_intent as string, 1);
  });

  it.each<[string, SendOptions, string]>([
    ['a tampered byte', { tamper: true }, 'WEBHOOK.SIGNATURE_INVALID'],
    ['a wrong secret', { secret: 'whsec_not-our-secret-0123456789' }, 'WEBHOOK.SIGNATURE_INVALID'],
    ['a stale timestamp', { at: new Date(Date.now() - 10 * 60_000) }, 'WEBHOOK.TIMESTAMP_STALE'],
    ['no signature', { signature: '' }, 'WEBHOOK.SIGNATURE_MISSING'],
  ])('rejects %s with 401 and dead-letters the original bytes', async (_name, options, code) => {
    const event = chargeSucceeded();
    const { result, correlationId, raw } = send(event, options);
    const answer = await result;
    expect(answer.status).toBe(401);
    expect(answer.json()).toEqual({ code, message: expect.any(String) as string });
    const letter = await harness.waitForDeadLetter(correlationId);
    expect(letter).toMatchObject({ reason: code, source: 'adapter-stripe' });
    expect(Buffer.from(letter.originalValueBase64, 'base64').equals(raw)).toBe(true);
    expect(harness.eventsFor(event.data.object.payment_intent as string)).toEqual([]);
  });

  it.each([
    ['jpy', 5_000, 'JPY', 5_000],
    ['krw', 50_000, 'KRW', 50_000],
    ['usd', 2_599, 'USD', 2_599],
  ])('counts %s %d as %s %d minor units', async (currency, amount, iso4217, amountMinor) => {
    const event = chargeSucceeded({ currency, amount });
    await accepted(event);
    const [donation] = await harness.waitForEvents(event.data.object.payment_intent as string, 1);
    expect(donation).toMatchObject({ currency: iso4217, amountMinor });
  });

  it('counts the newly refunded part of each listed refund, a partial and then a further one', async () => {
    const pi = stripeId('pi');
    const [first, second] = [aRefund({ amount: 500 }), aRefund({ amount: 700 })];
    await accepted(chargeSucceeded({ payment_intent: pi }));
    const list = (data: unknown[]) => ({ object: 'list', data, has_more: false });
    await accepted(
      chargeRefunded({ payment_intent: pi, amount_refunded: 500, refunds: list([first]) }, 0),
    );
    await accepted(
      chargeRefunded(
        { payment_intent: pi, amount_refunded: 1200, refunds: list([second, first]) },
        500,
      ),
    );
    const refunds = (await harness.waitForEvents(pi, 3)).filter(
      (e) => e.type === 'donation.refunded',
    );
    expect(Object.values(amountsByEventId(refunds)).sort()).toEqual([500, 700]);
  });

  it('counts the rise of a cumulative amount_refunded, a partial and then a further one', async () => {
    const pi = stripeId('pi');
    await accepted(chargeSucceeded({ payment_intent: pi }));
    await accepted(chargeRefunded({ payment_intent: pi, amount_refunded: 500 }, 0));
    await accepted(chargeRefunded({ payment_intent: pi, amount_refunded: 1200 }, 500));
    const refunds = (await harness.waitForEvents(pi, 3)).filter(
      (e) => e.type === 'donation.refunded',
    );
    expect(
      refunds.map((e) => [e.type === 'donation.refunded' && e.refundId, e.amountMinor]),
    ).toEqual([
      ['level:500', 500],
      ['level:1200', 700],
    ]);
  });

  it('accepts a refund that arrives before its donation', async () => {
    const pi = stripeId('pi');
    await accepted(chargeRefunded({ payment_intent: pi, amount_refunded: 800 }, 0));
    await accepted(chargeSucceeded({ payment_intent: pi }));
    const events = await harness.waitForEvents(pi, 2);
    expect(events.map((event) => event.type).sort()).toEqual([
      'donation.completed',
      'donation.refunded',
    ]);
  });

  it.each([
    [
      'an unknown event type',
      { ...chargeSucceeded(), type: 'customer.created' },
      'WEBHOOK.UNKNOWN_EVENT_TYPE',
    ],
    [
      'an unknown campaign',
      chargeSucceeded({ metadata: { projectId: 'nobody-knows' } }),
      'WEBHOOK.UNKNOWN_CAMPAIGN',
    ],
    ['a negative amount', chargeSucceeded({ amount: -500 }), 'WEBHOOK.INVALID_AMOUNT'],
    ['a zero amount', chargeSucceeded({ amount: 0 }), 'WEBHOOK.INVALID_AMOUNT'],
    ['a malformed charge', chargeSucceeded({ amount: 'lots' }), 'WEBHOOK.MALFORMED_BODY'],
  ])('answers 4xx for %s with a stable code, on the DLQ', async (_name, event, code) => {
    const { result, correlationId } = send(event);
    const answer = await result;
    expect([400, 422]).toContain(answer.status);
    expect(answer.json().code).toBe(code);
    expect((await harness.waitForDeadLetter(correlationId)).reason).toBe(code);
  });

  it('answers 415 for a body that is not application/json', async () => {
    const { result, correlationId } = send(chargeSucceeded(), { contentType: 'text/plain' });
    const answer = await result;
    expect(answer.status).toBe(415);
    expect(answer.json().code).toBe('WEBHOOK.UNSUPPORTED_MEDIA_TYPE');
    expect((await harness.waitForDeadLetter(correlationId)).reason).toBe(
      'WEBHOOK.UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('acknowledges an unpaid checkout session without counting it', async () => {
    const event = checkoutSessionCompleted({ payment_status: 'unpaid' });
    const pi = event.data.object.payment_intent as string;
    await accepted(event);
    await harness.waitForRaw(`stripe:${pi}`);
    expect(harness.eventsFor(pi)).toEqual([]);
  });

  it('answers 503 while the broker is down, and accepts the retry once it is back, as one event', async () => {
    const event = chargeSucceeded();
    const pi = event.data.object.payment_intent as string;
    await harness.whileBrokerStopped(async () => {
      const answer = await send(event).result;
      expect(answer.status).toBe(503);
      expect(answer.json().code).toBe('WEBHOOK.UNAVAILABLE');
    });
    const retried = await harness.retryUntil(() => send(event).result, 200);
    expect(retried.json<{ received: boolean }>()).toEqual({ received: true });
    const events = await harness.waitForEvents(pi, 1);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(1);
  });
});
