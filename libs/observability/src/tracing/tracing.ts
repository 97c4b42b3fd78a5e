import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { Env } from '@donations/config';
import { loadTracingConfig, tracesUrl } from './tracing.config';

/** The tracer's name on every span this code base starts (the instrumentation scope). */
export const TRACER_NAME = 'donations';

/**
 * Spans wait at most this long for an export; a service that stops flushes the rest (a process
 * killed outright loses at most this much).
 */
const EXPORT_DELAY_MS = 1_000;

export interface Tracing {
  readonly enabled: boolean;
  /** Exports what is pending, then puts the global API back to its no-op state. */
  shutdown(): Promise<void>;
}

let current: TracerProvider | undefined;

/** Whether startTracing turned tracing on in this process (request spans are added then). */
export const tracingEnabled = (): boolean => current !== undefined;

/** Exports the spans still waiting (a service stopping: see ObservabilityModule). */
export async function flushTracing(): Promise<void> {
  await current?.forceFlush();
}

const OFF: Tracing = { enabled: false, shutdown: () => Promise.resolve() };

/**
 * Turns tracing on when OTEL_EXPORTER_OTLP_ENDPOINT is set: W3C trace context as the global
 * propagator, async-local context, spans batched to the endpoint over OTLP/HTTP. Unset, nothing
 * is registered: the OpenTelemetry API stays a no-op, so spans cost nothing and Kafka messages
 * get no header. Call it first in a service's bootstrap, before its app is created.
 */
export function startTracing(service: string, env?: Env): Tracing {
  const config = loadTracingConfig(env);
  if (config.OTEL_EXPORTER_OTLP_ENDPOINT === undefined || current !== undefined) return OFF;
  const exporter = new OTLPTraceExporter({ url: tracesUrl(config.OTEL_EXPORTER_OTLP_ENDPOINT) });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.OTEL_SERVICE_NAME ?? service }),
    spanProcessors: [new BatchSpanProcessor({ exporter, scheduledDelayMillis: EXPORT_DELAY_MS })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  current = provider;
  return {
    enabled: true,
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
      current = undefined;
    },
  };
}
