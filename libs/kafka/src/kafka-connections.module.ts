import {
  DynamicModule,
  Inject,
  Logger as NestLogger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import type { LevelWithSilent, Logger } from 'pino';
import { createLogger, deadLettersWritten, MetricsService } from '@donations/observability';
import { BatchingProducer } from './batching-producer';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { createKafkaClient } from './kafka-client';
import { KafkaCredentialsError } from './kafka-credentials';
import { KafkaSecurity, kafkaSecurityOf, KafkaSecuritySettings } from './kafka-security';
import { TypedProducer } from './typed-producer';

/** The process's kafkajs client (one per service). */
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
/** An admin client of KAFKA_CLIENT (readiness, topic ends). */
export const KAFKA_ADMIN = Symbol('KAFKA_ADMIN');

export interface KafkaConnectionsOptions {
  /** The service name: default client id, and the dead letters' source. */
  readonly service: string;
  readonly brokers: string[];
  readonly clientId?: string;
  readonly topicPrefix: string;
  readonly ackTimeoutMs: number;
  /** kafkajs' own log lines go to the service's pino logger. */
  readonly logger: Logger;
  /** Producer retries while the broker is away (kafkajs' idempotent default when absent). */
  readonly producerRetries?: number;
  /** TLS and SASL (none: PLAINTEXT). */
  readonly security?: KafkaSecurity;
}

/** The Kafka settings every service's config carries (KafkaEnvSchema and KAFKA_ACK_TIMEOUT_MS). */
export interface ServiceKafkaConfig extends KafkaSecuritySettings {
  readonly KAFKA_BROKERS: string[];
  readonly KAFKA_CLIENT_ID?: string;
  readonly TOPIC_PREFIX: string;
  readonly KAFKA_ACK_TIMEOUT_MS: number;
}

/** ServiceKafkaConfig with the service's log level, for KafkaConnectionsModule.forService. */
export interface ServiceKafkaLoggingConfig extends ServiceKafkaConfig {
  readonly LOG_LEVEL: LevelWithSilent;
}

/** The connection options of a service, from its config. */
export function kafkaConnectionsOf(
  service: string,
  config: ServiceKafkaConfig,
  logger: Logger,
): KafkaConnectionsOptions {
  return {
    service,
    brokers: config.KAFKA_BROKERS,
    clientId: config.KAFKA_CLIENT_ID,
    topicPrefix: config.TOPIC_PREFIX,
    ackTimeoutMs: config.KAFKA_ACK_TIMEOUT_MS,
    logger,
    security: kafkaSecurityOf(config),
  };
}

const KAFKA_OPTIONS = Symbol('KAFKA_OPTIONS');

class KafkaLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new NestLogger('Kafka');

  constructor(
    @Inject(TypedProducer) private readonly producer: TypedProducer,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaConnectionsOptions,
  ) {}

  /**
   * With SASL, one connection at boot, so that a wrong password stops the service now (a
   * service that only produces would otherwise start and fail each request). Brokers that are
   * merely down do not stop it: it starts, unready, as without SASL. No retries: one attempt.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.security?.sasl) return;
    const probe = this.kafka.admin({ retry: { retries: 0 } });
    try {
      await probe.connect();
    } catch (error) {
      if (error instanceof KafkaCredentialsError) throw error;
      this.logger.warn({ msg: 'Kafka not reachable at boot; connecting later', err: error });
    } finally {
      await probe.disconnect().catch(() => undefined);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
  }
}

/**
 * Kafka for a Nest service: the client, an admin, the typed producer, its natural batcher and
 * the dead-letter publisher, disconnected on shutdown. Global: import it once, in the service's
 * connections module.
 */
@Module({})
export class KafkaConnectionsModule {
  /** The module for a service, from its config; kafkajs logs through a logger of the service. */
  static forService(service: string, config: ServiceKafkaLoggingConfig): DynamicModule {
    const logger = createLogger({ service, level: config.LOG_LEVEL });
    return KafkaConnectionsModule.forRoot(kafkaConnectionsOf(service, config, logger));
  }

  static forRoot(options: KafkaConnectionsOptions): DynamicModule {
    return {
      module: KafkaConnectionsModule,
      global: true,
      providers: [
        { provide: KAFKA_OPTIONS, useValue: options },
        {
          provide: KAFKA_CLIENT,
          useFactory: (): Kafka =>
            createKafkaClient({
              brokers: options.brokers,
              clientId: options.clientId ?? options.service,
              logger: options.logger,
              security: options.security,
            }),
        },
        {
          provide: KAFKA_ADMIN,
          inject: [KAFKA_CLIENT],
          useFactory: (kafka: Kafka) => kafka.admin(),
        },
        {
          provide: TypedProducer,
          inject: [KAFKA_CLIENT],
          useFactory: (kafka: Kafka) =>
            TypedProducer.create(kafka, options.topicPrefix, { retries: options.producerRetries }),
        },
        {
          provide: BatchingProducer,
          inject: [TypedProducer],
          useFactory: (producer: TypedProducer) =>
            new BatchingProducer(producer, { ackTimeoutMs: options.ackTimeoutMs }),
        },
        {
          provide: DeadLetterPublisher,
          inject: [BatchingProducer, { token: MetricsService, optional: true }],
          useFactory: (producer: BatchingProducer, metrics?: MetricsService) =>
            new DeadLetterPublisher(
              producer,
              options.service,
              undefined,
              metrics && deadLettersWritten(metrics),
            ),
        },
        KafkaLifecycle,
      ],
      exports: [KAFKA_CLIENT, KAFKA_ADMIN, TypedProducer, BatchingProducer, DeadLetterPublisher],
    };
  }
}
