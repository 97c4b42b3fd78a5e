import { z } from 'zod';
import {
  DatabaseSslEnvSchema,
  KafkaSecurityEnvSchema,
  RedisSecurityEnvSchema,
} from './connection-security.config';
import { HttpServerEnvSchema } from './http-server.config';

/** A comma-separated list whose parts each satisfy `item`: brokers, secrets, keys. */
export function commaList(item: z.ZodString = z.string().min(1)) {
  return z
    .string()
    .min(1)
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1));
}

const csv = commaList(z.string().regex(/^[^\s:]+:\d+$/, 'expected host:port'));

const port = z.coerce.number().int().min(0).max(65535);

/** Kafka connection settings every service shares. */
export const KafkaEnvSchema = z.object({
  KAFKA_BROKERS: csv,
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
  /** Prefix applied to every topic name: isolates tests and side-by-side environments. */
  TOPIC_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/)
    .default(''),
  ...KafkaSecurityEnvSchema.shape,
});

export const DatabaseEnvSchema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('public'),
  ...DatabaseSslEnvSchema.shape,
});

export const RedisEnvSchema = z.object({
  REDIS_URL: z.url({ protocol: /^rediss?$/ }),
  REDIS_KEY_PREFIX: z.string().default(''),
  ...RedisSecurityEnvSchema.shape,
});

export const ServiceEnvSchema = z.object({
  HTTP_PORT: port,
  HTTP_HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ...HttpServerEnvSchema.shape,
});

export type KafkaEnv = z.output<typeof KafkaEnvSchema>;
export type DatabaseEnv = z.output<typeof DatabaseEnvSchema>;
export type RedisEnv = z.output<typeof RedisEnvSchema>;
export type ServiceEnv = z.output<typeof ServiceEnvSchema>;

/**
 * An optional bearer token of at least 16 characters; an empty value (docker compose's
 * `${TOKEN:-}`) counts as unset, which disables what the token guards.
 */
export const optionalTokenSchema = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z.string().min(16).optional(),
);
