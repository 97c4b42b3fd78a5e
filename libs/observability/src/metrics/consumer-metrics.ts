import type { Counter, Gauge } from 'prom-client';
import type { MetricsService } from './metrics.service';

/**
 * A batch consumer's series (pass it as BatchConsumerServer's `metrics`): the events applied
 * and, per partition, how far the applied state (the offsets stored with it) is behind the log end.
 */
export class ConsumerMetrics {
  private readonly appliedTotal: Counter<'group' | 'topic'>;
  private readonly lagGauge: Gauge<'group' | 'topic' | 'partition'>;

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
  }

  applied(group: string, topic: string, events: number): void {
    this.appliedTotal.inc({ group, topic }, events);
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
