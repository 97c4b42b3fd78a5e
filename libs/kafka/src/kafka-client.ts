import { Kafka, logLevel as KafkaLogLevel, LogEntry } from 'kafkajs';
import type { Logger } from 'pino';

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  /** kafkajs' own logs go through the service's pino logger. */
  logger?: Logger;
  /** How long one connection attempt may take (ms). */
  connectionTimeout?: number;
  /** kafkajs retry for the client's own requests (metadata, admin). */
  retries?: number;
}

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

/** One kafkajs client per process, logging through pino. */
export function createKafkaClient(options: KafkaClientOptions): Kafka {
  const { logger } = options;
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
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
}
