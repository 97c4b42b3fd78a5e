import type { MicroserviceOptions } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Kafka } from 'kafkajs';
import { BatchConsumerServer } from '@donations/kafka';
import { ConsumerMetrics, createServiceApp, MetricsService } from '@donations/observability';
import { AppModule } from './app.module';
import type { StatisticsConfig } from './config/statistics.config';
import { SERVICE } from './connections/connections.module';
import { KAFKA_CLIENT } from './connections/connections.tokens';
import { RebuildService } from './rebuild/rebuild.service';
import { RedisOffsetStore } from './stats/redis-offset.store';

/**
 * The statistics service: an HTTP app (health, metrics, overview) with the batch consumer
 * connected. Start it with `startAllMicroservices()` and `listen()`.
 */
export async function createStatisticsApp(
  config: StatisticsConfig,
): Promise<NestFastifyApplication> {
  const app = await createServiceApp(AppModule.register(config), {
    service: SERVICE,
    logLevel: config.LOG_LEVEL,
    http: config,
    apiDocs: {
      title: SERVICE,
      description: 'Live statistics: overviews, leaderboards and time series',
    },
  });
  const retries = app
    .get(MetricsService)
    .counter(
      'statistics_batch_retries_total',
      'Failed attempts to apply a batch (retried with backoff, or moved to the stored offset)',
      ['partition'],
    );
  const consumer = new BatchConsumerServer({
    kafka: app.get<Kafka>(KAFKA_CLIENT),
    groupId: config.STATISTICS_GROUP_ID,
    topicPrefix: config.TOPIC_PREFIX,
    offsetStore: app.get(RedisOffsetStore, { strict: false }),
    partitionsConsumedConcurrently: config.STATISTICS_PARTITIONS_CONCURRENTLY,
    heartbeatIntervalMs: config.STATISTICS_SESSION_TIMEOUT_MS / 10,
    consumer: {
      maxBytesPerPartition: config.STATISTICS_FETCH_MAX_BYTES_PER_PARTITION,
      maxBytes: config.STATISTICS_FETCH_MAX_BYTES,
      minBytes: config.STATISTICS_FETCH_MIN_BYTES,
      maxWaitTimeInMs: config.STATISTICS_FETCH_MAX_WAIT_MS,
      sessionTimeout: config.STATISTICS_SESSION_TIMEOUT_MS,
      heartbeatInterval: config.STATISTICS_SESSION_TIMEOUT_MS / 10,
    },
    onRetry: (batch) => retries.inc({ partition: String(batch.partition) }),
    metrics: new ConsumerMetrics(app.get(MetricsService)),
  });
  // A state reset under the running consumer (Redis flushed) sends its partitions back.
  app.get(RebuildService, { strict: false }).useConsumer(consumer);
  app.connectMicroservice<MicroserviceOptions>({ strategy: consumer });
  return app;
}
