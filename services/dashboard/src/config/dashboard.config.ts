import { z } from 'zod';
import {
  commaList,
  DatabaseSslEnvSchema,
  KafkaEnvSchema,
  loadConfig,
  ServiceEnvSchema,
} from '@donations/config';

export const DASHBOARD_CONFIG = Symbol('DASHBOARD_CONFIG');

export const DashboardConfigSchema = z.object({
  ...ServiceEnvSchema.shape,
  ...KafkaEnvSchema.shape,
  /**
   * Each gateway instance reads every topic from the beginning in a consumer group of its own
   * (`<prefix>-<host>-<pid>-<random>`); it commits no offsets, so the group leaves no trace.
   */
  DASHBOARD_GROUP_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]{1,100}$/)
    .default('dashboard'),
  /**
   * Live pages (GET /events) served at once; one more is answered 503
   * `DASHBOARD.TOO_MANY_CLIENTS` until a page leaves. Each costs a socket and a serialised
   * snapshot per update.
   */
  DASHBOARD_MAX_SSE_CLIENTS: z.coerce.number().int().min(1).max(100_000).default(500),
  /** Live pages get at most one update per interval; changes in between are coalesced. */
  DASHBOARD_PUSH_INTERVAL_MS: z.coerce.number().int().min(50).max(10_000).default(250),
  /** How often the DLQ size and the consumer lag are read from Kafka. */
  DASHBOARD_MONITOR_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
  /** The consumer groups of donations.normalized.v1 whose lag the page shows. */
  DASHBOARD_LAG_GROUPS: commaList(z.string().regex(/^[a-zA-Z0-9._-]{1,200}$/)).default([
    'aggregator',
    'statistics',
  ]),
  /** Length of the top campaigns and top charities lists (per currency). */
  DASHBOARD_TOP_N: z.coerce.number().int().min(1).max(100).default(10),
  /** Minutes of the per-minute series kept, counted back from the latest minute seen. */
  DASHBOARD_SERIES_MINUTES: z.coerce.number().int().min(1).max(1_440).default(60),
  /**
   * The registry (campaign_registry, charities) the page's names come from; unset: ids only.
   * Read-only: the registry is written through the adapters' operator API.
   */
  DATABASE_URL: z.string().min(1).optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('public'),
  ...DatabaseSslEnvSchema.shape,
  /** How often the names are read again (registrations change rarely). */
  DASHBOARD_NAMES_INTERVAL_MS: z.coerce.number().int().min(1_000).default(30_000),
  /**
   * The aggregator's HTTP API (reports from the ledger, "was my donation counted") and the
   * statistics' (unique donors). Unset: the back office's reports and the public check answer
   * 503 `DASHBOARD.UPSTREAM_UNSET`.
   */
  AGGREGATOR_URL: z.url().optional(),
  STATISTICS_URL: z.url().optional(),
  /** How long a call to the aggregator or the statistics may take. */
  DASHBOARD_UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /**
   * The charities' back office (/backoffice): unset, it answers only clients on this machine
   * (loopback) and says so on the page; set, it asks every client for this token (16+
   * characters; a header `Authorization: Bearer <token>`, or the page's sign-in cookie).
   */
  DASHBOARD_BACKOFFICE_TOKEN: z.string().min(16).optional(),
  /** The public donation check (/check): lookups per client (IP address) per minute. */
  DASHBOARD_CHECK_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  /** The shared Kafka module's producer setting (the gateway itself produces nothing). */
  KAFKA_ACK_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
});

export type DashboardConfig = z.output<typeof DashboardConfigSchema>;

export const loadDashboardConfig = (): DashboardConfig => loadConfig(DashboardConfigSchema);
