import { loadConfig } from '@donations/config';
import { AdapterAlipayConfigSchema } from '../../services/adapter-alipay/src/config/adapter-alipay.config';
import { AdapterJdConfigSchema } from '../../services/adapter-jd/src/config/adapter-jd.config';
import { AdapterShuidiConfigSchema } from '../../services/adapter-shuidi/src/config/adapter-shuidi.config';
import { AdapterStripeConfigSchema } from '../../services/adapter-stripe/src/config/adapter-stripe.config';
import { AdapterTencentConfigSchema } from '../../services/adapter-tencent/src/config/adapter-tencent.config';
import { AggregatorConfigSchema } from '../../services/aggregator/src/config/aggregator.config';
import {
  generateDevSecrets,
  missingSettings,
  toEnvFile,
} from '../../services/ops/src/dev-secrets/dev-secrets';

const base = {
  HTTP_PORT: '3100',
  KAFKA_BROKERS: '127.0.0.1:9092',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/donations',
};

describe('dev secrets', () => {
  const secrets = generateDevSecrets();

  it.each([
    ['adapter-alipay', AdapterAlipayConfigSchema],
    ['adapter-tencent', AdapterTencentConfigSchema],
    ['adapter-stripe', AdapterStripeConfigSchema],
    ['adapter-shuidi', AdapterShuidiConfigSchema],
    ['adapter-jd', AdapterJdConfigSchema],
  ])('satisfy the config of %s', (_name, schema) => {
    expect(() => loadConfig(schema, { ...base, ...secrets.serviceEnv })).not.toThrow();
  });

  it("give the aggregator an operator token, so the local run's rebuilds work", () => {
    const config = loadConfig(AggregatorConfigSchema, { ...base, ...secrets.serviceEnv });
    expect(config.OPERATOR_TOKEN).toBe(secrets.serviceEnv.OPERATOR_TOKEN);
    expect(config.OPERATOR_TOKEN?.length).toBeGreaterThanOrEqual(16);
  });

  it('writes one KEY=value line per setting', () => {
    const lines = toEnvFile(secrets.serviceEnv).trim().split('\n');
    expect(lines).toHaveLength(Object.keys(secrets.serviceEnv).length);
    expect(lines.every((line) => /^[A-Z0-9_]+=\S+$/.test(line))).toBe(true);
  });

  it('find the settings that secrets kept from an older version lack', () => {
    const expected = Object.keys(secrets.serviceEnv);
    expect(missingSettings(toEnvFile(secrets.serviceEnv), expected)).toEqual([]);
    const { OPERATOR_TOKEN: _dropped, ...older } = secrets.serviceEnv;
    expect(missingSettings(toEnvFile(older), expected)).toEqual(['OPERATOR_TOKEN']);
    expect(missingSettings(`${toEnvFile(older)}OPERATOR_TOKEN=\n`, expected)).toEqual([
      'OPERATOR_TOKEN',
    ]);
  });

  it('differ on every run', () => {
    expect(generateDevSecrets().serviceEnv.DONOR_HASH_KEY).not.toBe(
      secrets.serviceEnv.DONOR_HASH_KEY,
    );
  });
});
