import { loadConfig } from '@donations/config';
import { makeUscc } from '@donations/contracts';
import {
  AdapterHarness,
  adapterTestEnv,
  mutations,
  uniqueSuffix,
  waitFor,
} from '@donations/testing';
import { AppModule, JD_SERVICE } from '../src/app.module';
import { AdapterJdConfigSchema } from '../src/config/adapter-jd.config';
import { jdOrderPaid, jdSecret, signedHeaders } from './jd-webhook.builder';

const SECRET = jdSecret('fuzz');
const COUNT = 2_000;
const CONCURRENCY = 50;

interface Outcome {
  status: number;
  correlationId: string;
}

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

  /** Most are signed (so the mapping sees them); a quarter unsigned, a tenth not JSON-typed. */
  async function post(body: Buffer, index: number, run: string): Promise<Outcome> {
    const correlationId = `${run}-${index}`;
    const headers = signedHeaders(SECRET, body, { id: `msg_${run}_${index}` });
    const answer = await harness.post('/webhooks/jd', body, {
      ...headers,
      'content-type': index % 10 === 0 ? 'text/plain' : 'application/json',
      'webhook-signature': index % 4 === 0 ? 'v1,AAAA' : headers['webhook-signature'],
      'x-correlation-id': correlationId,
    });
    return { status: answer.status, correlationId };
  }

  it('answers every mutated body without a 5xx, and dead-letters every rejected one', async () => {
    const seed = Buffer.from(JSON.stringify(jdOrderPaid({ orderId: 'fuzz-seed' })));
    const bodies = [...mutations(seed, COUNT)];
    const outcomes: Outcome[] = [];
    const run = `f${uniqueSuffix()}`;
    for (let start = 0; start < bodies.length; start += CONCURRENCY) {
      const slice = bodies.slice(start, start + CONCURRENCY);
      outcomes.push(...(await Promise.all(slice.map((body, i) => post(body, start + i, run)))));
    }

    expect(outcomes.filter(({ status }) => status >= 500)).toEqual([]);
    const rejected = outcomes.filter(({ status }) => status >= 400);
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
