import { Webhook } from 'standardwebhooks';
import { loadConfig } from '@donations/config';
import { makeUscc } from '@donations/contracts';
import { AdapterHarness, adapterTestEnv, mutations } from '@donations/testing';
import { AppModule } from '../src/app.module';
import { AdapterShuidiConfigSchema } from '../src/config/adapter-shuidi.config';

const SECRET = `whsec_${Buffer.from('shuidi-fuzz-secret-0123456789abcdef').toString('base64')}`;
const COUNT = 2_000;

describe('adapter-shuidi under fuzzed input', () => {
  let harness: AdapterHarness;

  beforeAll(async () => {
    const prepared = await AdapterHarness.prepare();
    const config = loadConfig(AdapterShuidiConfigSchema, {
      ...adapterTestEnv(prepared.prefix, prepared.schema.schema),
      SHUIDI_WEBHOOK_SECRETS: SECRET,
    });
    harness = await AdapterHarness.start(prepared, 'adapter-shuidi', AppModule.register(config));
    await harness.register('shuidi', 'proj-1', 'campaign-fuzz', makeUscc('53100000500021676'));
  });

  afterAll(() => harness.close());

  it('answers every mutated body without a 5xx, and dead-letters every rejected one', async () => {
    const seed = Buffer.from(
      JSON.stringify({
        type: 'donation.paid',
        data: {
          orderNo: 'fuzz-seed',
          projectId: 'proj-1',
          amountFen: 500,
          occurredAt: '2026-09-09T10:00:01+08:00',
          donor: { userId: 'user-1' },
        },
      }),
    );
    const signer = new Webhook(SECRET);
    const outcome = await harness.fuzz(
      '/webhooks/shuidi',
      [...mutations(seed, COUNT)],
      (body, index) => {
        const id = `msg_fuzz_${index}`;
        const at = new Date();
        return {
          body,
          headers: {
            // A quarter go unsigned, a tenth with a wrong content type.
            'content-type': index % 10 === 0 ? 'text/plain' : 'application/json',
            'webhook-id': id,
            'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
            'webhook-signature': index % 4 !== 0 ? signer.sign(id, at, body) : 'v1,AAAA',
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
