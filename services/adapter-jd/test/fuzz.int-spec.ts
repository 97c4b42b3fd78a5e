import { loadConfig } from '@donations/config';
import { makeUscc } from '@donations/contracts';
import { AdapterHarness, adapterTestEnv, mutations } from '@donations/testing';
import { AppModule, JD_SERVICE } from '../src/app.module';
import { AdapterJdConfigSchema } from '../src/config/adapter-jd.config';
import { jdOrderPaid, jdSecret, signedHeaders } from './jd-webhook.builder';

const SECRET = jdSecret('fuzz');
const COUNT = 2_000;

describe('adapter-jd under fuzzed input', () => {
  let harness: AdapterHarness;

  beforeAll(async () => {
    const prepared = await AdapterHarness.prepare();
    const config = loadConfig(AdapterJdConfigSchema, {
      ...adapterTestEnv(prepared.prefix, prepared.schema.schema),
      JD_WEBHOOK_SECRETS: SECRET,
    });
    harness = await AdapterHarness.start(prepared, JD_SERVICE, AppModule.register(config));
    await harness.register('jd', 'act-1', 'campaign-fuzz', makeUscc('53100000500021676'));
  });

  afterAll(() => harness.close());

  it('answers every mutated body without a 5xx, and dead-letters every rejected one', async () => {
    const seed = Buffer.from(JSON.stringify(jdOrderPaid({ orderId: 'fuzz-seed' })));
    const outcome = await harness.fuzz(
      '/webhooks/jd',
      [...mutations(seed, COUNT)],
      (body, index) => {
        // Most are signed (so the mapping sees them); a quarter unsigned, a tenth not JSON-typed.
        const headers = signedHeaders(SECRET, body, { id: `msg_fuzz_${index}` });
        return {
          body,
          headers: {
            ...headers,
            'content-type': index % 10 === 0 ? 'text/plain' : 'application/json',
            'webhook-signature': index % 4 === 0 ? 'v1,AAAA' : headers['webhook-signature'],
          },
        };
      },
    );

    expect(outcome.serverErrors).toEqual([]);
    expect(outcome.rejected.length).toBeGreaterThan(COUNT * 0.9);
    await harness.waitForDeadLetters(outcome.rejected);
    expect((await fetch(`${harness.url}/health/live`)).status).toBe(200);
  });
});
