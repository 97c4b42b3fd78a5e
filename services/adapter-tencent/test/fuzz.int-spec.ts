import { loadConfig } from '@donations/config';
import { makeUscc } from '@donations/contracts';
import { AdapterHarness, adapterTestEnv, mutations } from '@donations/testing';
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
    const outcome = await harness.fuzz(
      '/webhooks/tencent',
      [...mutations(seed, COUNT)],
      (body, index) => {
        // Most are signed after mutation, so they get past the signature to the body checks.
        const headers = wechatpayHeaders(body, KEY);
        if (index % 4 === 0) headers['wechatpay-signature'] = 'AAAA';
        if (index % 10 === 0) headers['content-type'] = 'text/plain';
        return { body, headers };
      },
    );

    expect(outcome.serverErrors).toEqual([]);
    expect(outcome.rejected.length).toBeGreaterThan(COUNT * 0.9);
    await harness.waitForDeadLetters(outcome.rejected);
    expect((await fetch(`${harness.url}/health/live`)).status).toBe(200);
  });
});
