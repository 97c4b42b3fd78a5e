import Stripe from 'stripe';
import { loadConfig } from '@donations/config';
import { makeUscc } from '@donations/contracts';
import {
  AdapterHarness,
  adapterTestEnv,
  mutations,
  uniqueSuffix,
  waitFor,
} from '@donations/testing';
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
    const bodies = [...mutations(seed, COUNT)];
    const statuses: { status: number; correlationId: string }[] = [];
    const run = `f${uniqueSuffix()}`;
    for (let start = 0; start < bodies.length; start += 50) {
      const slice = bodies.slice(start, start + 50);
      statuses.push(
        ...(await Promise.all(
          slice.map(async (body, offset) => {
            const index = start + offset;
            const correlationId = `${run}-${index}`;
            const answer = await harness.post('/webhooks/stripe', body, {
              'content-type': index % 10 === 0 ? 'text/plain' : 'application/json',
              'stripe-signature': signatureFor(body, index % 4 !== 0), // a quarter go unsigned
              'x-correlation-id': correlationId,
            });
            return { status: answer.status, correlationId };
          }),
        )),
      );
    }

    expect(statuses.filter(({ status }) => status >= 500)).toEqual([]);
    const rejected = statuses.filter(({ status }) => status >= 400);
    expect(rejected.length).toBeGreaterThan(COUNT * 0.9);
    await waitFor(
      () => {
        const dead = new Set(harness.dlq.values().map((letter) => letter.correlationId));
        return rejected.every(({ correlationId }) => dead.has(correlationId));
      },
      { timeoutMs: 60_000, description: 'every rejected body on the DLQ' },
    );
    const health = await fetch(`${harness.url}/health/live`);
    expect(health.status).toBe(200);
  });
});
