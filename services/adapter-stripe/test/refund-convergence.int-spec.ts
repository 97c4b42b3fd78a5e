import Stripe from 'stripe';
import { loadConfig } from '@donations/config';
import { makeUscc } from '@donations/contracts';
import {
  AdapterHarness,
  adapterTestEnv,
  refundedOnce,
  THREE_REFUND_ORDERS,
  uniqueSuffix,
} from '@donations/testing';
import { AppModule } from '../src/app.module';
import { AdapterStripeConfigSchema } from '../src/config/adapter-stripe.config';
import {
  aRefund,
  chargeRefunded,
  chargeSucceeded,
  CREATED,
  stripeId,
} from './stripe-events.builder';

const SECRET = 'whsec_stripe-refunds-secret-0123456789ab';
const CHARITY = makeUscc('53100000500021676');
const TOKEN = 'statement-import-token-0123456789';
const HEADER =
  'payment_intent_id,type,refund_id,created,amount,currency,projectId (metadata),campaignId (metadata),charityId (metadata)';

/** Three partial refunds of a $100.00 payment, in the order they were made. */
const AMOUNTS = [1000, 2000, 3000];
/** refund.created as Stripe sends it for every refund (API 2024-10-28 and later). */
function refundCreated(refund: Record<string, unknown>) {
  return {
    id: stripeId('evt'),
    object: 'event',
    api_version: '2025-09-30.clover',
    type: 'refund.created',
    created: CREATED + 7_200,
    livemode: false,
    data: { object: refund },
  };
}

describe('adapter-stripe: refunds converge whatever the order and the source', () => {
  let harness: AdapterHarness;
  const campaignId = `campaign-${uniqueSuffix()}`;

  beforeAll(async () => {
    const prepared = await AdapterHarness.prepare();
    const config = loadConfig(AdapterStripeConfigSchema, {
      ...adapterTestEnv(prepared.prefix, prepared.schema.schema),
      STRIPE_WEBHOOK_SECRETS: SECRET,
      STATEMENT_IMPORT_TOKEN: TOKEN,
    });
    harness = await AdapterHarness.start(prepared, 'adapter-stripe', AppModule.register(config));
    await harness.register('stripe', 'proj-1', campaignId, CHARITY);
  });

  afterAll(() => harness.close());

  async function deliver(event: unknown): Promise<number> {
    const payload = JSON.stringify(event);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET });
    const answer = await harness.post('/webhooks/stripe', Buffer.from(payload), {
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': signature,
    });
    return answer.status;
  }

  async function importStatement(csv: string): Promise<number> {
    const answer = await harness.post('/statements', csv, {
      'content-type': 'text/csv; charset=utf-8',
      authorization: `Bearer ${TOKEN}`,
    });
    return answer.status;
  }

  it('refunds $60.00 exactly once for every order of three partial refunds (refund.created and charge.refunded), each delivered twice, then the statement imported twice', async () => {
    const payments = THREE_REFUND_ORDERS.map(() => ({ pi: stripeId('pi'), ch: stripeId('ch') }));
    const refundIds = payments.map(() => AMOUNTS.map(() => stripeId('re')));
    const statuses: number[] = [];
    const charge = (t: number, amountRefunded: number) => ({
      id: payments[t].ch,
      payment_intent: payments[t].pi,
      amount: 10_000,
      amount_refunded: amountRefunded,
    });
    for (const [t, order] of THREE_REFUND_ORDERS.entries()) {
      statuses.push(await deliver(chargeSucceeded(charge(t, 0))));
      for (const i of order) {
        const before = AMOUNTS.slice(0, i).reduce((sum, amount) => sum + amount, 0);
        const refund = aRefund({
          id: refundIds[t][i],
          amount: AMOUNTS[i],
          charge: payments[t].ch,
          payment_intent: payments[t].pi,
          metadata: {},
          created: CREATED + 3_600 * (i + 1),
        });
        const created = refundCreated(refund);
        const refunded = chargeRefunded(charge(t, before + AMOUNTS[i]), before);
        for (const event of [created, refunded, created, refunded]) {
          statuses.push(await deliver(event));
        }
      }
    }
    const rows = payments.flatMap(({ pi }, t) => [
      `${pi},charge,,2026-09-09 02:00:01,10000,usd,proj-1,,`,
      ...AMOUNTS.map(
        (amount, i) =>
          `${pi},refund,${refundIds[t][i]},2026-09-09 0${i + 3}:00:00,-${amount},usd,,,`,
      ),
    ]);
    const csv = [HEADER, ...rows].join('\n');
    const imports = [await importStatement(csv), await importStatement(csv)];
    // One campaign, one partition: once a later donation is read, everything before it is.
    const fence = chargeSucceeded();
    statuses.push(await deliver(fence));
    await harness.waitForEvents(
      (fence.data.object as { payment_intent: string }).payment_intent,
      1,
    );

    const refunded = payments.map(({ pi }) => refundedOnce(harness.eventsFor(pi)));
    expect({ refunded, imports }).toEqual({
      refunded: THREE_REFUND_ORDERS.map(() => 6000),
      imports: [200, 200],
    });
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
  });
});
