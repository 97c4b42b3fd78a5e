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
import { AdapterTencentConfigSchema } from '../src/config/adapter-tencent.config';
import {
  API_V3_KEY,
  notificationBody,
  platformKey,
  platformKeysEnv,
  transaction,
  wechatpayHeaders,
} from './wechatpay-notification.builder';

const KEY = platformKey('PUB_KEY_ID_0114232134912410000000000000');
const COUNT = 2_000;

describe('adapter-tencent under fuzzed input', () => {
  let harness: AdapterHarness;

  beforeAll(async () => {
    const prepared = await AdapterHarness.prepare();
    const config = loadConfig(AdapterTencentConfigSchema, {
      ...adapterTestEnv(prepared.prefix, prepared.schema.schema),
      WECHATPAY_APIV3_KEY: API_V3_KEY,
      WECHATPAY_PLATFORM_KEYS: platformKeysEnv([KEY]),
    });
    harness = await AdapterHarness.start(prepared, 'adapter-tencent', AppModule.register(config));
    await harness.register('tencent', '1900000109', 'campaign-fuzz', makeUscc('53100000500021676'));
  });

  afterAll(() => harness.close());

  it('answers every mutated body without a 5xx, and dead-letters every rejected one', async () => {
    const seed = notificationBody(
      'TRANSACTION.SUCCESS',
      transaction({ transaction_id: 'fuzz-seed' }),
    );
    const bodies = [...mutations(seed, COUNT)];
    const statuses: { status: number; correlationId: string }[] = [];
    const run = `f${uniqueSuffix()}`;
    for (let start = 0; start < bodies.length; start += 50) {
      const slice = bodies.slice(start, start + 50);
      statuses.push(
        ...(await Promise.all(
          slice.map(async (body, index) => {
            const at = start + index;
            // Most are signed after mutation, so they get past the signature to the body checks.
            const headers = wechatpayHeaders(body, KEY);
            if (at % 4 === 0) headers['wechatpay-signature'] = 'AAAA';
            if (at % 10 === 0) headers['content-type'] = 'text/plain';
            const correlationId = `${run}-${at}`;
            const answer = await harness.post('/webhooks/tencent', body, {
              ...headers,
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
