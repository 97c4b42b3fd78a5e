import type { MicroserviceOptions } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Kafka } from 'kafkajs';
import { BatchConsumerServer } from '@donations/kafka';
import { ConsumerMetrics, createServiceApp, MetricsService } from '@donations/observability';
import { AppModule } from './app.module';
import type { AggregatorConfig } from './config/aggregator.config';
import { SERVICE } from './connections/connections.module';
import { KAFKA_CLIENT } from './connections/connections.tokens';
import { OutboxRelay } from './outbox/outbox.relay';
import { PostgresOffsetStore } from './totals/postgres-offset.store';
import { TotalsRepository } from './totals/totals.repository';

/**
 * The aggregator: an HTTP app (health, metrics, totals and ledger queries) with the batch
 * consumer connected. Start it with `startAllMicroservices()` and `listen()`.
 */
export async function createAggregatorApp(
  config: AggregatorConfig,
): Promise<NestFastifyApplication> {
  const app = await createServiceApp(AppModule.register(config), {
    service: SERVICE,
    logLevel: config.LOG_LEVEL,
    http: config,
    apiDocs: {
      title: SERVICE,
      description: 'Campaign and charity totals, ledger checks and rebuilds',
    },
  });
  const relay = app.get(OutboxRelay);
  app.get(TotalsRepository, { strict: false }).onCommitted(() => relay.wake());
  const retries = app
    .get(MetricsService)
    .counter(
      'aggregator_batch_retries_total',
      'Failed attempts to apply a batch (retried with backoff, or moved to the stored offset)',
      ['partition'],
    );
  app.connectMicroservice<MicroserviceOptions>({
    strategy: new BatchConsumerServer({
      kafka: app.get<Kafka>(KAFKA_CLIENT),
      groupId: config.AGGREGATOR_GROUP_ID,
      topicPrefix: config.TOPIC_PREFIX,
      offsetStore: app.get(PostgresOffsetStore),
      partitionsConsumedConcurrently: config.AGGREGATOR_PARTITIONS_CONCURRENTLY,
      onRetry: (batch) => retries.inc({ partition: String(batch.partition) }),
      metrics: new ConsumerMetrics(app.get(MetricsService)),
      heartbeatIntervalMs: config.AGGREGATOR_SESSION_TIMEOUT_MS / 10,
      consumer: {
        maxBytesPerPartition: config.AGGREGATOR_FETCH_MAX_BYTES_PER_PARTITION,
        maxBytes: config.AGGREGATOR_FETCH_MAX_BYTES,
        minBytes: config.AGGREGATOR_FETCH_MIN_BYTES,
        maxWaitTimeInMs: config.AGGREGATOR_FETCH_MAX_WAIT_MS,
        sessionTimeout: config.AGGREGATOR_SESSION_TIMEOUT_MS,
        heartbeatInterval: config.AGGREGATOR_SESSION_TIMEOUT_MS / 10,
      },
    }),
  });
  return app;
}
