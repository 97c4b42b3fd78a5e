import Stripe from 'stripe';
import { loadConfig } from '@donations/config';
import { makeUscc } from '@donations/contracts';
import { AdapterHarness, adapterTestEnv, mutations } from '@donations/testing';
import { AppModule } from '../src/app.module';
import { AdapterStripeConfigSchema } from '../src/config/adapter-stripe.config';
import { chargeSucceeded } from './stripe-events.builder';

const SECRET = 'whsec_stripe-fuzz-secret-0123456789abcdef';
const COUNT = 2_000;

describe('adapter-stripe under fuzzed input', () => {
  let harness: AdapterHarness;

  beforeAll(async () => {
    const prepared = await AdapterHarness.prepare();
    const config = loadConfig(AdapterStripeConfigSchema, {
      ...adapterTestEnv(prepared.prefix, prepared.schema.schema),
      STRIPE_WEBHOOK_SECRETS: SECRET,
    });
    harness = await AdapterHarness.start(prepared, 'adapter-stripe', AppModule.register(config));
    await harness.register('stripe', 'proj-1', 'campaign-fuzz', makeUscc('53100000500021676'));
  });

  afterAll(() => harness.close());

  function signatureFor(body: Buffer, signed: boolean): string {
    const timestamp = Math.floor(Date.now() / 1000);
    if (!signed) return `t=${timestamp},v1=${'0'.repeat(64)}`;
    return Stripe.webhooks.generateTestHeaderString({
      payload: body.toString('utf8'),
      secret: SECRET,
      timestamp,
    });
  }

  it('answers every mutated body without a 5xx, and dead-letters every rejected one', async () => {
    const seed = Buffer.from(JSON.stringify(chargeSucceeded({ payment_intent: 'pi_fuzzseed' })));
    const outcome = await harness.fuzz(
      '/webhooks/stripe',
      [...mutations(seed, COUNT)],
      (body, index) => ({
        body,
        headers: {
          'content-type': index % 10 === 0 ? 'text/plain' : 'application/json',
          'stripe-signature': signatureFor(body, index % 4 !== 0), // a quarter go unsigned
        },
      }),
    );

    expect(outcome.serverErrors).toEqual([]);
    expect(outcome.rejected.length).toBeGreaterThan(COUNT * 0.9);
    await harness.waitForDeadLetters(outcome.rejected);
    expect((await fetch(`${harness.url}/health/live`)).status).toBe(200);
  });
});
