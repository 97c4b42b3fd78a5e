import { ConfigError, loadConfig } from '@donations/config';
import { AdapterJdConfigSchema } from './adapter-jd.config';

const env = {
  HTTP_PORT: '3105',
  KAFKA_BROKERS: '127.0.0.1:9092',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/donations',
  DONOR_HASH_KEY: 'k'.repeat(32),
};

describe('AdapterJdConfigSchema', () => {
  it('reads comma-separated whsec_ secrets, newest first', () => {
    const config = loadConfig(AdapterJdConfigSchema, {
      ...env,
      JD_WEBHOOK_SECRETS: 'whsec_bmV3LXNlY3JldA==, whsec_b2xkLXNlY3JldA==',
    });
    expect(config.JD_WEBHOOK_SECRETS).toEqual(['whsec_bmV3LXNlY3JldA==', 'whsec_b2xkLXNlY3JldA==']);
    expect(config.WEBHOOK_BODY_LIMIT_BYTES).toBe(256 * 1024);
  });

  it('fails fast on a secret that is not whsec_<base64>, without echoing it', () => {
    const problems = (() => {
      try {
        loadConfig(AdapterJdConfigSchema, { ...env, JD_WEBHOOK_SECRETS: 'plain-text-secret' });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    })();
    expect(problems).toEqual([expect.stringMatching(/^JD_WEBHOOK_SECRETS\.0: /)]);
    expect(problems.join()).not.toContain('plain-text-secret');
  });

  it('requires JD_WEBHOOK_SECRETS', () => {
    expect(() => loadConfig(AdapterJdConfigSchema, env)).toThrow(/JD_WEBHOOK_SECRETS/);
  });
});
