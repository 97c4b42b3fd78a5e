import { createSign } from 'node:crypto';
import { loadConfig } from '@donations/config';
import { makeUscc } from '@donations/contracts';
import { AdapterHarness, adapterTestEnv, mutations } from '@donations/testing';
import { AppModule } from '../src/app.module';
import { AdapterAlipayConfigSchema } from '../src/config/adapter-alipay.config';
import {
  alipayPublicKey,
  APP_ID,
  appPrivateKey,
  paidNotify,
  rsaKeys,
  SELLER_ID,
} from './alipay-notify.builder';

const COUNT = 2_000;
const alipay = rsaKeys();

/**
 * Signs whatever parameters the mutated bytes decode to, as Alipay would have signed them, and
 * appends sign_type and sign: the mutations reach the mapping, not only the signature check.
 */
function signMutated(body: Buffer): Buffer {
  const params = [...new URLSearchParams(body.toString('utf8'))];
  const content = params
    .filter(([name]) => name !== 'sign' && name !== 'sign_type')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const sign = createSign('RSA-SHA256').update(content, 'utf8').sign(alipay.privateKey, 'base64');
  const tail = new URLSearchParams({ sign_type: 'RSA2', sign }).toString();
  return Buffer.concat([body, Buffer.from(`&${tail}`)]);
}

describe('adapter-alipay under fuzzed input', () => {
  let harness: AdapterHarness;

  beforeAll(async () => {
    const prepared = await AdapterHarness.prepare();
    const config = loadConfig(AdapterAlipayConfigSchema, {
      ...adapterTestEnv(prepared.prefix, prepared.schema.schema),
      ALIPAY_APP_ID: APP_ID,
      ALIPAY_APP_PRIVATE_KEY: appPrivateKey(rsaKeys().privateKey),
      ALIPAY_PUBLIC_KEYS: alipayPublicKey(alipay.publicKey),
    });
    harness = await AdapterHarness.start(prepared, 'adapter-alipay', AppModule.register(config));
    await harness.register('alipay', SELLER_ID, 'campaign-fuzz', makeUscc('53100000500021676'));
  });

  afterAll(() => harness.close());

  it('answers every mutated body without a 5xx, and dead-letters every rejected one', async () => {
    const seed = Buffer.from(new URLSearchParams(paidNotify({ trade_no: 'fuzz-seed' })).toString());
    const outcome = await harness.fuzz(
      '/webhooks/alipay',
      [...mutations(seed, COUNT)],
      (body, index) => ({
        // A quarter go with a made-up sign, a tenth with a wrong content type.
        body:
          index % 4 !== 0
            ? signMutated(body)
            : Buffer.concat([body, Buffer.from('&sign_type=RSA2&sign=AAAA')]),
        headers: {
          'content-type': index % 10 === 0 ? 'text/plain' : 'application/x-www-form-urlencoded',
        },
      }),
    );

    expect(outcome.serverErrors).toEqual([]);
    expect(outcome.rejected.length).toBeGreaterThan(COUNT * 0.5);
    await harness.waitForDeadLetters(outcome.rejected);
    expect((await fetch(`${harness.url}/health/live`)).status).toBe(200);
  });
});
