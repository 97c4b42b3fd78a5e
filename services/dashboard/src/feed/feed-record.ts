import {
  CampaignTotalsV1,
  CharityRollupV1,
  parseTopicPayload,
  StatsOverviewV1,
  StatsTimeseriesV1,
  TOPICS,
} from '@donations/contracts';

/** The topics a dashboard reads. */
export const FEED_TOPICS = [
  TOPICS.campaignTotals,
  TOPICS.charityRollups,
  TOPICS.statsOverview,
  TOPICS.statsTimeseries,
] as const;

export type FeedTopic = (typeof FEED_TOPICS)[number];

/** One valid message of a feed topic, or a tombstone (null value) of a compacted one. */
export type FeedRecord =
  | { kind: 'campaign'; value: CampaignTotalsV1 }
  | { kind: 'charity'; value: CharityRollupV1 }
  | { kind: 'overview'; value: StatsOverviewV1 }
  | { kind: 'minute'; value: StatsTimeseriesV1 }
  | { kind: 'tombstone'; topic: CompactedFeedTopic; key: string };

type ValueRecord = Exclude<FeedRecord, { kind: 'tombstone' }>;

export type CompactedFeedTopic = Exclude<FeedTopic, typeof TOPICS.statsTimeseries>;

export type RejectReason =
  'NO_KEY' | 'NOT_JSON' | 'SCHEMA_INVALID' | 'KEY_MISMATCH' | 'UNEXPECTED_TOMBSTONE';

export type DecodeResult = { ok: true; record: FeedRecord } | { ok: false; reason: RejectReason };

export interface RawFeedMessage {
  key: Buffer | null;
  value: Buffer | null;
}

/**
 * Decodes and validates one message of a feed topic against its contract. A message whose key is
 * not the id it carries (campaignId, charityId, scope) is rejected too: the key is what
 * compaction keeps one message per.
 */
export function decodeFeedMessage(topic: FeedTopic, message: RawFeedMessage): DecodeResult {
  const key = message.key?.toString('utf8');
  if (!key) return { ok: false, reason: 'NO_KEY' };
  if (message.value === null) {
    return topic === TOPICS.statsTimeseries
      ? { ok: false, reason: 'UNEXPECTED_TOMBSTONE' }
      : { ok: true, record: { kind: 'tombstone', topic, key } };
  }
  let json: unknown;
  try {
    json = JSON.parse(message.value.toString('utf8'));
  } catch {
    return { ok: false, reason: 'NOT_JSON' };
  }
  const record = validate(topic, json);
  if (!record) return { ok: false, reason: 'SCHEMA_INVALID' };
  if (keyOf(record) !== key) return { ok: false, reason: 'KEY_MISMATCH' };
  return { ok: true, record };
}

function validate(topic: FeedTopic, json: unknown): ValueRecord | undefined {
  switch (topic) {
    case TOPICS.campaignTotals: {
      const parsed = parseTopicPayload(topic, json);
      return parsed.ok ? { kind: 'campaign', value: parsed.value } : undefined;
    }
    case TOPICS.charityRollups: {
      const parsed = parseTopicPayload(topic, json);
      return parsed.ok ? { kind: 'charity', value: parsed.value } : undefined;
    }
    case TOPICS.statsOverview: {
      const parsed = parseTopicPayload(topic, json);
      return parsed.ok ? { kind: 'overview', value: parsed.value } : undefined;
    }
    case TOPICS.statsTimeseries: {
      const parsed = parseTopicPayload(topic, json);
      return parsed.ok ? { kind: 'minute', value: parsed.value } : undefined;
    }
  }
}

function keyOf(record: ValueRecord): string {
  switch (record.kind) {
    case 'campaign':
      return record.value.campaignId;
    case 'charity':
      return record.value.charityId;
    case 'overview':
    case 'minute':
      return record.value.scope;
  }
}
