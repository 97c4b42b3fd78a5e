import { z } from 'zod';
import { CampaignTotalsV1, CampaignTotalsV1Schema } from './aggregates/campaign-totals.v1';
import { CharityRollupV1, CharityRollupV1Schema } from './aggregates/charity-rollups.v1';
import { ContractError } from './common/contract-error';
import { ParseResult, parseWith } from './common/parse-result';
import { DeadLetter, DeadLetterSchema } from './dlq/dead-letter';
import { DonationCountedV1, DonationCountedV1Schema } from './donations/donation-counted.v1';
import { DonationEventV1, DonationEventV1Schema } from './donations/donation-event.v1';
import { fastDonationEvent } from './donations/donation-event.fast';
import { RawWebhook, RawWebhookSchema } from './raw/raw-webhook';
import { StatsOverviewV1, StatsOverviewV1Schema } from './stats/stats-overview.v1';
import { StatsTimeseriesV1, StatsTimeseriesV1Schema } from './stats/stats-timeseries.v1';

/** Every topic of the system, by role. The one place topic names are written. */
export const TOPICS = {
  donationsRaw: 'donations.raw',
  donationsNormalized: 'donations.normalized.v1',
  donationsCounted: 'donations.counted.v1',
  dlq: 'donations.dlq',
  campaignTotals: 'aggregates.campaign-totals.v1',
  charityRollups: 'aggregates.charity-rollups.v1',
  statsOverview: 'stats.overview.v1',
  statsTimeseries: 'stats.timeseries.v1',
} as const;

export type TopicRole = keyof typeof TOPICS;
export type TopicName = (typeof TOPICS)[TopicRole];

/** The value type of each topic: publishing a wrong payload on a topic does not compile. */
export interface TopicPayloads {
  'donations.raw': RawWebhook;
  'donations.normalized.v1': DonationEventV1;
  'donations.counted.v1': DonationCountedV1;
  'donations.dlq': DeadLetter;
  'aggregates.campaign-totals.v1': CampaignTotalsV1;
  'aggregates.charity-rollups.v1': CharityRollupV1;
  'stats.overview.v1': StatsOverviewV1;
  'stats.timeseries.v1': StatsTimeseriesV1;
}

/** The schema that validates each topic's (JSON-decoded) value. */
export const TOPIC_SCHEMAS: { readonly [T in TopicName]: z.ZodType<TopicPayloads[T]> } = {
  'donations.raw': RawWebhookSchema,
  'donations.normalized.v1': DonationEventV1Schema,
  'donations.counted.v1': DonationCountedV1Schema,
  'donations.dlq': DeadLetterSchema,
  'aggregates.campaign-totals.v1': CampaignTotalsV1Schema,
  'aggregates.charity-rollups.v1': CharityRollupV1Schema,
  'stats.overview.v1': StatsOverviewV1Schema,
  'stats.timeseries.v1': StatsTimeseriesV1Schema,
};

export interface TopicSpec {
  partitions: number;
  cleanupPolicy: 'delete' | 'compact';
  /** retention.ms; -1 keeps messages forever; absent for compacted topics (broker default). */
  retentionMs?: number;
  keyDescription: string;
}

const THIRTY_DAYS_MS = 30 * 24 * 60 * 60 * 1000;

/** How each topic is created (deploy scripts and per-test topics use the same specs). */
export const TOPIC_SPECS: Readonly<Record<TopicName, TopicSpec>> = {
  'donations.raw': {
    partitions: 12,
    cleanupPolicy: 'delete',
    retentionMs: -1,
    keyDescription: '`platform:platformTxnId` (rawWebhookKey)',
  },
  'donations.normalized.v1': {
    partitions: 12,
    cleanupPolicy: 'delete',
    retentionMs: -1,
    keyDescription: 'campaignId: all events of a campaign are ordered on one partition',
  },
  'donations.counted.v1': {
    // As many partitions as donations.normalized.v1: each message goes to its source partition.
    partitions: 12,
    cleanupPolicy: 'delete',
    retentionMs: -1,
    keyDescription: 'campaignId, on the partition the event was read from (source.partition)',
  },
  'donations.dlq': {
    partitions: 3,
    cleanupPolicy: 'delete',
    retentionMs: THIRTY_DAYS_MS,
    keyDescription: 'the key of the rejected message, when it had one',
  },
  'aggregates.campaign-totals.v1': {
    partitions: 12,
    cleanupPolicy: 'compact',
    keyDescription: 'campaignId',
  },
  'aggregates.charity-rollups.v1': {
    partitions: 12,
    cleanupPolicy: 'compact',
    keyDescription: 'charityId (USCC)',
  },
  'stats.overview.v1': { partitions: 3, cleanupPolicy: 'compact', keyDescription: 'stats scope' },
  'stats.timeseries.v1': {
    partitions: 3,
    cleanupPolicy: 'delete',
    retentionMs: THIRTY_DAYS_MS,
    keyDescription: 'stats scope',
  },
};

/** Kafka topic names: up to 249 of `[a-zA-Z0-9._-]`. */
const TOPIC_PREFIX_PATTERN = /^[a-zA-Z0-9._-]{0,200}$/;

/** The topic's name under a prefix (`t123.` gives `t123.donations.raw`) for per-test isolation. */
export function topicName(base: TopicName, prefix = ''): string {
  if (!TOPIC_PREFIX_PATTERN.test(prefix)) {
    throw new ContractError(
      'TOPIC.INVALID_PREFIX',
      'a topic prefix is up to 200 of [a-zA-Z0-9._-]',
    );
  }
  return `${prefix}${base}`;
}

export type TopicSet = { readonly [R in TopicRole]: string };

/** All topic names by role under one prefix. */
export function topicSet(prefix = ''): TopicSet {
  const entries = (Object.keys(TOPICS) as TopicRole[]).map((role) => [
    role,
    topicName(TOPICS[role], prefix),
  ]);
  return Object.fromEntries(entries) as TopicSet;
}

/**
 * Fast paths of the hottest schemas: each returns what its schema returns for a value it is sure
 * is valid and `undefined` otherwise (the schema then decides); never a different verdict.
 */
const FAST_PATHS: { readonly [T in TopicName]?: (value: unknown) => TopicPayloads[T] | undefined } =
  { 'donations.normalized.v1': fastDonationEvent };

/** Validates a JSON-decoded value of `topic`. */
export function parseTopicPayload<T extends TopicName>(
  topic: T,
  value: unknown,
): ParseResult<TopicPayloads[T]> {
  const fast = FAST_PATHS[topic]?.(value);
  if (fast !== undefined) return { ok: true, value: fast };
  return parseWith(TOPIC_SCHEMAS[topic], value);
}
