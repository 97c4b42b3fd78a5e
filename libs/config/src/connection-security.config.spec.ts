import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseEnvSchema, KafkaEnvSchema, RedisEnvSchema } from './common.config';
import { ConfigError } from './config.errors';
import { loadConfig } from './load-config';

const schema = KafkaEnvSchema.extend(DatabaseEnvSchema.shape).extend(RedisEnvSchema.shape);

/** Shaped like PEM; the settings check the shape, TLS itself checks the contents. */
const pem = (label: string) =>
  `-----BEGIN ${label}-----\nMIIBszCCAVmgAwIBAgIUE\n-----END ${label}-----\n`;

const base = {
  KAFKA_BROKERS: '127.0.0.1:9093',
  DATABASE_URL: 'postgres://app@db.internal:5432/donations',
  REDIS_URL: 'redis://cache.internal:6379',
};

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(schema, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('connection security settings', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'settings-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are off by default: plain Kafka, no SASL, no TLS to PostgreSQL or Redis', () => {
    const config = loadConfig(schema, base);
    expect(config).toMatchObject({
      KAFKA_SSL: false,
      KAFKA_SSL_REJECT_UNAUTHORIZED: true,
      DATABASE_SSLMODE: 'disable',
      REDIS_TLS: false,
    });
    expect(config.KAFKA_SASL_MECHANISM).toBeUndefined();
  });

  it('reads secrets and PEM from *_FILE, without the trailing newline of the file', () => {
    writeFileSync(join(dir, 'ca.pem'), pem('CERTIFICATE'));
    writeFileSync(join(dir, 'password'), 's3cret-from-a-file\n');
    const config = loadConfig(schema, {
      ...base,
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: join(dir, 'ca.pem'),
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'aggregator',
      KAFKA_SASL_PASSWORD_FILE: join(dir, 'password'),
      DATABASE_SSLMODE: 'verify-full',
      DATABASE_SSL_CA_FILE: join(dir, 'ca.pem'),
    });
    expect(config.KAFKA_SSL).toBe(true);
    expect(config.KAFKA_SSL_CA).toBe(pem('CERTIFICATE').trimEnd());
    expect(config.KAFKA_SASL_PASSWORD).toBe('s3cret-from-a-file');
    expect(config.DATABASE_SSL_CA).toBe(pem('CERTIFICATE').trimEnd());
    expect(config).not.toHaveProperty('KAFKA_SASL_PASSWORD_FILE');
  });

  it('lists every bad key at once, naming files but never printing a secret', () => {
    writeFileSync(join(dir, 'password'), 'never-printed');
    const problems = problemsOf({
      ...base,
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA: 'not a certificate',
      KAFKA_SSL_KEY: pem('PRIVATE KEY'),
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      REDIS_PASSWORD: 'inline',
      REDIS_PASSWORD_FILE: join(dir, 'password'),
      REDIS_USERNAME_FILE: join(dir, 'missing'),
      DATABASE_SSL_CA: pem('CERTIFICATE'),
    });
    const keys = problems.map((problem) => problem.split(':')[0]).sort();
    expect(keys).toEqual(
      [
        'DATABASE_SSL_CA',
        'KAFKA_SASL_PASSWORD',
        'KAFKA_SASL_USERNAME',
        'KAFKA_SSL_CA',
        'KAFKA_SSL_CERT',
        'REDIS_PASSWORD',
        'REDIS_USERNAME_FILE',
      ].sort(),
    );
    expect(problems.join('\n')).toContain(join(dir, 'missing'));
    expect(problems.join('\n')).not.toMatch(/never-printed|inline/);
  });

  it('refuses an unknown SASL mechanism, a key that is not PEM and credentials without SASL', () => {
    const problems = problemsOf({
      ...base,
      KAFKA_SSL: 'true',
      KAFKA_SSL_CERT: pem('CERTIFICATE'),
      KAFKA_SSL_KEY: 'ssh-rsa AAAA',
      KAFKA_SASL_USERNAME: 'adapter',
      DATABASE_SSLMODE: 'prefer',
    });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual(
      ['DATABASE_SSLMODE', 'KAFKA_SASL_USERNAME', 'KAFKA_SSL_KEY'].sort(),
    );
    expect(problemsOf({ ...base, KAFKA_SASL_MECHANISM: 'gssapi' })[0]).toMatch(
      /^KAFKA_SASL_MECHANISM:/,
    );
  });

  it('reads no file for a setting the schema does not have', () => {
    const config = loadConfig(KafkaEnvSchema, {
      KAFKA_BROKERS: base.KAFKA_BROKERS,
      REDIS_PASSWORD_FILE: join(dir, 'missing'),
    });
    expect(config).not.toHaveProperty('REDIS_PASSWORD');
  });
});
