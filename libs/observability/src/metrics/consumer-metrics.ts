import type { Counter, Gauge, Histogram } from 'prom-client';
import type { MetricsService } from './metrics.service';

/**
 * A batch consumer's series (pass it as BatchConsumerServer's `metrics`): the events applied,
 * the batches and how long each took to apply, and, per partition, how far the applied state (the
 * offsets stored with it) is behind the log end.
 */
export class ConsumerMetrics {
  private readonly appliedTotal: Counter<'group' | 'topic'>;
  private readonly lagGauge: Gauge<'group' | 'topic' | 'partition'>;
  private readonly batchSeconds: Histogram<'group' | 'topic'>;

  constructor(metrics: MetricsService) {
    this.appliedTotal = metrics.counter(
      'consumer_events_applied_total',
      'Messages applied by the batch consumer (effect and offset stored; dead-lettered ones included)',
      ['group', 'topic'],
    );
    this.lagGauge = metrics.gauge(
      'consumer_lag',
      'Messages on the partition not applied yet: log end offset minus the applied (stored) offset',
      ['group', 'topic', 'partition'],
    );
    this.batchSeconds = metrics.histogram(
      'consumer_batch_duration_seconds',
      'Time to apply one batch, from its delivery to the handler until applied (retries included)',
      ['group', 'topic'],
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    );
  }

  applied(group: string, topic: string, events: number): void {
    this.appliedTotal.inc({ group, topic }, events);
  }

  batch(group: string, topic: string, seconds: number): void {
    this.batchSeconds.observe({ group, topic }, seconds);
  }

  lag(group: string, topic: string, partition: number, lag: number): void {
    this.lagGauge.set({ group, topic, partition: String(partition) }, lag);
  }
}

/** Dead letters written to donations.dlq by reason code (every service that writes them). */
export function deadLettersWritten(metrics: MetricsService): (reason: string) => void {
  const written = metrics.counter(
    'dead_letters_written_total',
    'Dead letters written to donations.dlq, by reason code',
    ['reason'],
  );
  return (reason) => written.inc({ reason });
}
