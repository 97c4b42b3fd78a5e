import { z } from 'zod';
import type { Env } from './load-config';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const PEM_PRIVATE_KEY =
  /-----BEGIN ((RSA|EC|ENCRYPTED) )?PRIVATE KEY-----[\s\S]+?-----END ((RSA|EC|ENCRYPTED) )?PRIVATE KEY-----/;

/** PEM text with at least one certificate (a CA bundle, or a client's chain). */
const pemCertificates = z
  .string()
  .regex(PEM_CERTIFICATE, 'expected PEM text with a -----BEGIN CERTIFICATE----- block');
const pemPrivateKey = z
  .string()
  .regex(PEM_PRIVATE_KEY, 'expected PEM text with a -----BEGIN PRIVATE KEY----- block');

const TRUE_VALUES = ['true', '1', 'yes'];
const isTrue = (value: string | undefined): boolean => TRUE_VALUES.includes(value ?? '');

/** "true"/"false" (also 1/0, yes/no), as container platforms and compose files write them. */
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => TRUE_VALUES.includes(value));

const secret = z.string().min(1);

/** Kafka over TLS and SASL (every managed Kafka requires both); unset: PLAINTEXT, no SASL. */
export const KafkaSecurityEnvSchema = z.object({
  KAFKA_SSL: flag(false),
  /** CA certificates the brokers' certificates chain to; unset: the system's roots. */
  KAFKA_SSL_CA: pemCertificates.optional(),
  /** A client certificate and its key, for brokers that ask for one (mutual TLS). */
  KAFKA_SSL_CERT: pemCertificates.optional(),
  KAFKA_SSL_KEY: pemPrivateKey.optional(),
  /** false only to try a broker whose certificate does not verify; never in production. */
  KAFKA_SSL_REJECT_UNAUTHORIZED: flag(true),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: secret.optional(),
  KAFKA_SASL_PASSWORD: secret.optional(),
});

/** PostgreSQL over TLS, as libpq's sslmode names it (when DATABASE_URL has no sslmode of its own). */
export const DatabaseSslEnvSchema = z.object({
  DATABASE_SSLMODE: z.enum(['disable', 'require', 'verify-ca', 'verify-full']).default('disable'),
  /** CA certificates the server's certificate must chain to (with require too, as in libpq). */
  DATABASE_SSL_CA: pemCertificates.optional(),
});

/** Redis over TLS (REDIS_TLS or a rediss:// URL) and ACL credentials (Redis 6+). */
export const RedisSecurityEnvSchema = z.object({
  REDIS_TLS: flag(false),
  REDIS_TLS_CA: pemCertificates.optional(),
  REDIS_USERNAME: secret.optional(),
  REDIS_PASSWORD: secret.optional(),
});

export type KafkaSecurityEnv = z.output<typeof KafkaSecurityEnvSchema>;
export type DatabaseSslEnv = z.output<typeof DatabaseSslEnvSchema>;
export type RedisSecurityEnv = z.output<typeof RedisSecurityEnvSchema>;

const given = (env: Env, key: string): boolean => (env[key] ?? '') !== '';

/** Settings that are each valid alone but not together: `KEY: message`. */
const PAIR_RULES: readonly { when: string; needs: string; message: string }[] = [
  {
    when: 'KAFKA_SASL_MECHANISM',
    needs: 'KAFKA_SASL_USERNAME',
    message: 'required with KAFKA_SASL_MECHANISM',
  },
  {
    when: 'KAFKA_SASL_MECHANISM',
    needs: 'KAFKA_SASL_PASSWORD',
    message: 'required with KAFKA_SASL_MECHANISM',
  },
  {
    when: 'KAFKA_SSL_KEY',
    needs: 'KAFKA_SSL_CERT',
    message: 'required with KAFKA_SSL_KEY (the key of which certificate?)',
  },
  { when: 'KAFKA_SSL_CERT', needs: 'KAFKA_SSL_KEY', message: 'required with KAFKA_SSL_CERT' },
];

/**
 * What the schemas cannot see key by key, for the keys a service's schema has: SASL without its
 * credentials, half a client certificate, credentials without a mechanism, and TLS files without
 * TLS (a CA that would silently go unused is a mistake worth a failed boot).
 */
export function connectionSecurityProblems(env: Env, knows: (key: string) => boolean): string[] {
  const problems: string[] = [];
  for (const rule of PAIR_RULES) {
    if (knows(rule.needs) && given(env, rule.when) && !given(env, rule.needs)) {
      problems.push(`${rule.needs}: ${rule.message}`);
    }
  }
  const unused = (key: string, message: string) => {
    if (knows(key) && given(env, key)) problems.push(`${key}: ${message}`);
  };
  if (!given(env, 'KAFKA_SASL_MECHANISM')) {
    unused('KAFKA_SASL_USERNAME', 'set without KAFKA_SASL_MECHANISM');
    unused('KAFKA_SASL_PASSWORD', 'set without KAFKA_SASL_MECHANISM');
  }
  if (!isTrue(env.KAFKA_SSL)) {
    for (const key of ['KAFKA_SSL_CA', 'KAFKA_SSL_CERT', 'KAFKA_SSL_KEY']) {
      unused(key, 'set without KAFKA_SSL=true');
    }
  }
  if ((env.DATABASE_SSLMODE ?? 'disable') === 'disable') {
    unused('DATABASE_SSL_CA', 'set with DATABASE_SSLMODE=disable');
  }
  if (!isTrue(env.REDIS_TLS) && !(env.REDIS_URL ?? '').startsWith('rediss://')) {
    unused('REDIS_TLS_CA', 'set without REDIS_TLS=true or a rediss:// REDIS_URL');
  }
  return problems;
}
