import { Kafka, logLevel as KafkaLogLevel, LogEntry } from 'kafkajs';
import type { Logger } from 'pino';
import { withCredentialsErrors } from './kafka-credentials';
import type { KafkaSecurity } from './kafka-security';

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  /** kafkajs' own logs go through the service's pino logger. */
  logger?: Logger;
  /** How long one connection attempt may take (ms). */
  connectionTimeout?: number;
  /** kafkajs retry for the client's own requests (metadata, admin). */
  retries?: number;
  /** TLS and SASL (kafkaSecurityOf the service's settings); none: PLAINTEXT. */
  security?: KafkaSecurity;
}

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

/**
 * One kafkajs client per process, logging through pino. With SASL, a refused password fails the
 * first connect with a KafkaCredentialsError that names the settings.
 */
export function createKafkaClient(options: KafkaClientOptions): Kafka {
  const { logger, security = {} } = options;
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    ...security,
    connectionTimeout: options.connectionTimeout ?? 3_000,
    retry: { retries: options.retries ?? 5, initialRetryTime: 100, maxRetryTime: 5_000 },
    logLevel: logger ? KafkaLogLevel.WARN : KafkaLogLevel.NOTHING,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        if (!logger) return;
        const { message, timestamp: _timestamp, logger: _name, ...fields } = log;
        logger[levels[level] ?? 'info']({ kafka: fields }, `kafka: ${message}`);
      },
  });
  return security.sasl ? withCredentialsErrors(kafka, security.sasl.mechanism) : kafka;
}
