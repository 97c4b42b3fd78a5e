import { z } from 'zod';
import {
  DatabaseEnvSchema,
  KafkaEnvSchema,
  optionalTokenSchema,
  RedisEnvSchema,
  ServiceEnvSchema,
} from './common.config';
import { ConfigError } from './config.errors';
import { loadConfig } from './load-config';

const schema = ServiceEnvSchema.extend(KafkaEnvSchema.shape)
  .extend(DatabaseEnvSchema.shape)
  .extend(RedisEnvSchema.shape);

const goodEnv = {
  HTTP_PORT: '3101',
  KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.2:9092',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/donations',
  REDIS_URL: 'redis://127.0.0.1:6379',
};

describe('loadConfig', () => {
  it('returns typed values with defaults applied', () => {
    const config = loadConfig(schema, goodEnv);
    expect(config.HTTP_PORT).toBe(3101);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092', '127.0.0.2:9092']);
    expect(config.DATABASE_SCHEMA).toBe('public');
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.TOPIC_PREFIX).toBe('');
  });

  it('lists every bad key at once', () => {
    const env = { HTTP_PORT: 'eighty', KAFKA_BROKERS: 'no-port', REDIS_URL: 'http://x' };
    let error: unknown;
    try {
      loadConfig(schema, env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const keys = (error as ConfigError).problems.map((problem) => problem.split(':')[0]);
    expect(keys.sort()).toEqual(
      ['DATABASE_URL', 'HTTP_PORT', 'KAFKA_BROKERS.0', 'REDIS_URL'].sort(),
    );
  });

  it('rejects a schema name that could inject SQL', () => {
    expect(() =>
      loadConfig(z.object(DatabaseEnvSchema.shape), {
        DATABASE_URL: goodEnv.DATABASE_URL,
        DATABASE_SCHEMA: 'x; drop table y',
      }),
    ).toThrow(/DATABASE_SCHEMA/);
  });

  describe('an optional token', () => {
    const withToken = z.object({ TOKEN: optionalTokenSchema });

    it('is unset when absent or empty (compose passes `${TOKEN:-}` as "")', () => {
      expect(loadConfig(withToken, {}).TOKEN).toBeUndefined();
      expect(loadConfig(withToken, { TOKEN: '' }).TOKEN).toBeUndefined();
    });

    it('is kept when long enough and refused when short', () => {
      expect(loadConfig(withToken, { TOKEN: 'x'.repeat(16) }).TOKEN).toBe('x'.repeat(16));
      expect(() => loadConfig(withToken, { TOKEN: 'short' })).toThrow(ConfigError);
    });
  });
});
