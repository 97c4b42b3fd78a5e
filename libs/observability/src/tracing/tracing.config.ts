import { z } from 'zod';
import { Env, loadConfig } from '@donations/config';

/** An empty value (docker compose's `${X:-}`) counts as unset. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/**
 * The tracing settings every service shares (names from the OpenTelemetry specification).
 * OTEL_EXPORTER_OTLP_ENDPOINT unset: tracing is off, nothing is exported and no header is added.
 */
export const TracingEnvSchema = z.object({
  /** The collector's OTLP/HTTP base URL; spans go to its /v1/traces. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optional(z.url({ protocol: /^https?$/ })),
  /** The service.name of the spans; the service's own name by default. */
  OTEL_SERVICE_NAME: optional(z.string().min(1)),
});

export type TracingEnv = z.output<typeof TracingEnvSchema>;

export const loadTracingConfig = (env?: Env): TracingEnv => loadConfig(TracingEnvSchema, env);

/** Where the OTLP/HTTP exporter posts traces: the endpoint's /v1/traces (as the spec says). */
export function tracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}
