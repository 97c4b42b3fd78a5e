import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadConfig } from '@donations/config';
import { AdapterTencentConfigSchema } from './adapter-tencent.config';

const spki = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .publicKey.export({ type: 'spki', format: 'der' })
  .toString('base64');

const env = {
  HTTP_PORT: '3102',
  KAFKA_BROKERS: '127.0.0.1:9092',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/donations',
  DONOR_HASH_KEY: 'd'.repeat(32),
  WECHATPAY_APIV3_KEY: 'tencent-apiv3-key-0123456789abcd',
  WECHATPAY_PLATFORM_KEYS: `PUB_KEY_ID_01=${spki}`,
};

describe('AdapterTencentConfigSchema', () => {
  it('loads the platform keys by serial, with the 300 s tolerance by default', () => {
    const config = loadConfig(AdapterTencentConfigSchema, env);
    expect([...config.WECHATPAY_PLATFORM_KEYS.keys()]).toEqual(['PUB_KEY_ID_01']);
    expect(config.WEBHOOK_TOLERANCE_SECONDS).toBe(300);
    expect(config.WECHATPAY_MCHID).toBeUndefined();
  });

  it('lists every bad WeChat Pay key at once, without their values', () => {
    const bad = {
      ...env,
      WECHATPAY_APIV3_KEY: 'too-short-secret',
      WECHATPAY_PLATFORM_KEYS: 'S1=AAAA',
      WECHATPAY_MCHID: 'mch-1',
    };
    let error: unknown;
    try {
      loadConfig(AdapterTencentConfigSchema, bad);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems } = error as ConfigError;
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'WECHATPAY_APIV3_KEY',
      'WECHATPAY_MCHID',
      'WECHATPAY_PLATFORM_KEYS',
    ]);
    expect(problems.join('\n')).not.toContain('too-short-secret');
  });
});
