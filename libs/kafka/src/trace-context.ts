import { context, Link, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type { AnyTopicBatch } from './typed-producer';

/** Most links a batch span carries (the SDK's default link limit): one per distinct parent. */
export const MAX_BATCH_LINKS = 128;

/**
 * The batches with the active trace context (W3C `traceparent`, `tracestate`) in every message's
 * headers, through the global propagator. Called where the caller's context is active (a send
 * goes out later, from another). With tracing off the propagator writes nothing: the batches
 * are returned as they are.
 */
export function withTraceContext(batches: AnyTopicBatch[]): AnyTopicBatch[] {
  const carrier = activeTraceContext();
  if (carrier === undefined) return batches;
  return batches.map(
    (batch) =>
      ({
        ...batch,
        messages: batch.messages.map((message) => ({
          ...message,
          headers: { ...message.headers, ...carrier },
        })),
      }) as AnyTopicBatch,
  );
}

/**
 * The active trace context as the headers the global propagator writes (W3C `traceparent`,
 * `tracestate`), for what is sent later from elsewhere (an outbox row); undefined when there is
 * none or tracing is off.
 */
export function activeTraceContext(): Record<string, string> | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return Object.keys(carrier).length === 0 ? undefined : carrier;
}

/**
 * The trace contexts in the messages' headers as span links, one per distinct span, at most
 * MAX_BATCH_LINKS: a batch has many parents, so its span links to them rather than picking one.
 * None while tracing is off (the propagator reads no field).
 */
export function batchLinks(messages: readonly { headers: Record<string, string> }[]): Link[] {
  if (propagation.fields().length === 0) return [];
  const links = new Map<string, Link>();
  for (const { headers } of messages) {
    if (links.size >= MAX_BATCH_LINKS) break;
    const parent = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, headers));
    if (parent === undefined || !trace.isSpanContextValid(parent)) continue;
    links.set(`${parent.traceId}-${parent.spanId}`, { context: parent });
  }
  return [...links.values()];
}
