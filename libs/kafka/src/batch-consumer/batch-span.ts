import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { TRACER_NAME } from '@donations/observability';
import { batchLinks } from '../trace-context';
import type { ConsumedBatch } from './batch-consumer.types';

/**
 * Runs `work` (a batch's delivery, its retries included) in a consumer span of its own trace,
 * linked to the trace context of each message: what the handler does (the aggregator's
 * transaction, the dead letters it writes) is in that span. Only counts and positions are
 * recorded, never a message's content. A no-op span while tracing is off.
 */
export function inBatchSpan<T>(
  batch: ConsumedBatch,
  groupId: string,
  work: () => Promise<T>,
): Promise<T> {
  const options = {
    kind: SpanKind.CONSUMER,
    links: batchLinks(batch.messages),
    // OpenTelemetry's messaging conventions (incubating, so spelled out here).
    attributes: {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'process',
      'messaging.destination.name': batch.kafkaTopic,
      'messaging.destination.partition.id': String(batch.partition),
      'messaging.consumer.group.name': groupId,
      'messaging.batch.message_count': batch.messages.length,
    },
  };
  return trace
    .getTracer(TRACER_NAME)
    .startActiveSpan(`process ${batch.topic}`, options, ROOT_CONTEXT, async (span) => {
      try {
        return await work();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: 'batch not applied' });
        throw error;
      } finally {
        span.end();
      }
    });
}
