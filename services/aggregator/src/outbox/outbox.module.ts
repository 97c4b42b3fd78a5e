import { Module } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { TypedProducer } from '@donations/kafka';
import type { AggregatorConfig } from '../config/aggregator.config';
import { AGGREGATOR_CONFIG, KAFKA_CLIENT } from '../connections/connections.tokens';
import { OutboxMetrics } from './outbox.metrics';
import { OutboxRelay } from './outbox.relay';

const RELAY_OPTIONS = { batchSize: 500, intervalMs: 250, maxBackoffMs: 10_000 };
/**
 * A send gives up after a few retries (kafkajs' idempotent default retries forever): the rows
 * stay in the outbox and the relay's own backoff tries again, with a fresh round.
 */
const RELAY_PRODUCER_RETRIES = 4;

/** Publishes the aggregate outbox to aggregates.campaign-totals.v1 and charity-rollups.v1. */
@Module({
  providers: [
    {
      provide: OutboxRelay,
      inject: [DataSource, KAFKA_CLIENT, AGGREGATOR_CONFIG],
      useFactory: (dataSource: DataSource, kafka: Kafka, config: AggregatorConfig) =>
        new OutboxRelay(
          dataSource,
          TypedProducer.create(kafka, config.TOPIC_PREFIX, { retries: RELAY_PRODUCER_RETRIES }),
          RELAY_OPTIONS,
        ),
    },
    OutboxMetrics,
  ],
  exports: [OutboxRelay],
})
export class OutboxModule {}
