import type { KafkaConfig, SASLOptions } from 'kafkajs';
import type { KafkaSecurityEnv } from '@donations/config';

/** The TLS and SASL part of a kafkajs client's config. */
export type KafkaSecurity = Pick<KafkaConfig, 'ssl' | 'sasl'>;

/** The security settings a config may carry (all optional: tools and tests often have none). */
export type KafkaSecuritySettings = Partial<KafkaSecurityEnv>;

/**
 * kafkajs' `ssl` and `sasl` from the settings (validated by KafkaSecurityEnvSchema and
 * loadConfig: a mechanism comes with its username and password, a key with its certificate).
 * Without KAFKA_SSL the connection is plain; without KAFKA_SASL_MECHANISM there is no SASL.
 */
export function kafkaSecurityOf(settings: KafkaSecuritySettings): KafkaSecurity {
  return {
    ...(settings.KAFKA_SSL === true && { ssl: tlsOf(settings) }),
    ...(settings.KAFKA_SASL_MECHANISM !== undefined && {
      sasl: saslOf(settings.KAFKA_SASL_MECHANISM, settings),
    }),
  };
}

function tlsOf(settings: KafkaSecuritySettings): NonNullable<KafkaConfig['ssl']> {
  const { KAFKA_SSL_CA: ca, KAFKA_SSL_CERT: cert, KAFKA_SSL_KEY: key } = settings;
  return {
    rejectUnauthorized: settings.KAFKA_SSL_REJECT_UNAUTHORIZED ?? true,
    ...(ca !== undefined && { ca: [ca] }),
    ...(cert !== undefined && key !== undefined && { cert, key }),
  };
}

function saslOf(
  mechanism: NonNullable<KafkaSecurityEnv['KAFKA_SASL_MECHANISM']>,
  settings: KafkaSecuritySettings,
): SASLOptions {
  const username = settings.KAFKA_SASL_USERNAME;
  const password = settings.KAFKA_SASL_PASSWORD;
  if (username === undefined || password === undefined) {
    // loadConfig refuses this; a config built by hand could still reach here.
    throw new Error('KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required with a mechanism');
  }
  switch (mechanism) {
    case 'plain':
      return { mechanism, username, password };
    case 'scram-sha-256':
      return { mechanism, username, password };
    case 'scram-sha-512':
      return { mechanism, username, password };
  }
}
