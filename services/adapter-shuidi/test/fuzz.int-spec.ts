import { Webhook } from 'standardwebhooks';
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
    const bodies = [...mutations(seed, COUNT)];
    const statuses: { status: number; correlationId: string }[] = [];
    const run = `f${uniqueSuffix()}`;
    for (let start = 0; start < bodies.length; start += 50) {
      const slice = bodies.slice(start, start + 50);
      statuses.push(
        ...(await Promise.all(
          slice.map(async (body, offset) => {
            const index = start + offset;
            const id = `msg_${run}_${index}`;
            const at = new Date();
            const signed = index % 4 !== 0; // a quarter go unsigned
            const correlationId = `${run}-${index}`;
            const answer = await harness.post('/webhooks/shuidi', body, {
              'content-type': index % 10 === 0 ? 'text/plain' : 'application/json',
              'webhook-id': id,
              'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
              'webhook-signature': signed ? signer.sign(id, at, body) : 'v1,AAAA',
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
