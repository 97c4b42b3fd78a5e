import type { Counter, Histogram } from 'prom-client';
import type { MetricsService } from '@donations/observability';

/** The adapter's Prometheus series: outcomes, rejection codes, emitted events, latency. */
export class WebhookMetrics {
  readonly requests: Counter<'platform' | 'outcome'>;
  readonly rejections: Counter<'platform' | 'code'>;
  readonly events: Counter<'platform' | 'type'>;
  readonly receiptFailures: Counter<'platform'>;
  readonly duration: Histogram<'platform'>;

  constructor(metrics: MetricsService) {
    this.requests = metrics.counter('webhook_requests_total', 'Webhook requests by outcome', [
      'platform',
      'outcome',
    ]);
    this.rejections = metrics.counter(
      'webhook_rejections_total',
      'Rejected webhooks by reason code',
      ['platform', 'code'],
    );
    this.events = metrics.counter('webhook_events_emitted_total', 'Donation events emitted', [
      'platform',
      'type',
    ]);
    this.receiptFailures = metrics.counter(
      'webhook_receipt_failures_total',
      'Accepted webhooks whose reconciliation receipt could not be written',
      ['platform'],
    );
    this.duration = metrics.histogram(
      'webhook_duration_seconds',
      'Time from request to answer',
      ['platform'],
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    );
  }
}
