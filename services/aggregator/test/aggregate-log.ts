import type { Kafka } from 'kafkajs';
import type { Client } from 'pg';
import {
  CampaignTotalsV1,
  CharityRollupV1,
  TopicName,
  topicName,
  TotalsByCurrency,
} from '@donations/contracts';
import { CollectedMessage, TopicCollector, waitFor } from '@donations/testing';
import { type TotalsTable, totalsOf } from './aggregator-state.reader';

export type Aggregate = CampaignTotalsV1 | CharityRollupV1;

/** Counters per `key|currency`, as decimal strings (the shape of groundTruth without times). */
export type CountersByKey = Map<string, Record<string, unknown>>;

/**
 * Reads a (compacted) topic from the beginning with a fresh consumer, until it has seen the
 * last offset of every non-empty partition: compaction may have removed older messages.
 */
export async function readFromBeginning<T>(
  kafka: Kafka,
  base: TopicName,
  prefix: string,
  timeoutMs = 60_000,
): Promise<CollectedMessage<T>[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin
    .fetchTopicOffsets(topicName(base, prefix))
    .finally(() => admin.disconnect());
  const lastOffsets = ends
    .filter(({ high, low }) => high !== low)
    .map(({ partition, high }) => ({ partition, last: String(Number(high) - 1) }));
  const collector = await TopicCollector.start<T>(kafka, base, prefix);
  try {
    await waitFor(
      () => {
        const seen = new Set(collector.messages.map((m) => `${m.partition}:${m.offset}`));
        return lastOffsets.every(({ partition, last }) => seen.has(`${partition}:${last}`));
      },
      { timeoutMs, intervalMs: 250, description: `the end of every partition of ${base}` },
    );
    return [...collector.messages];
  } finally {
    await collector.stop();
  }
}

export interface LatestPerKey<T> {
  latest: Map<string, T>;
  /** Keys met in more than one partition, or re-using a version for a different state. */
  violations: string[];
  /** Messages whose version was not above the key's highest so far (re-published by the relay). */
  stale: number;
}

/**
 * What a dashboard keeps: per key, the message with the highest version. A version that does
 * not grow is only allowed as a re-publication of the very same message (the relay crashed
 * between publishing and deleting its rows); each key lives in one partition.
 */
export function latestPerKey<T extends Aggregate>(
  messages: readonly CollectedMessage<T>[],
): LatestPerKey<T> {
  const latest = new Map<string, T>();
  const published = new Map<string, string>();
  const partitionOf = new Map<string, number>();
  const violations: string[] = [];
  let stale = 0;
  for (const { key, value, partition } of messages) {
    const id = key ?? '';
    if ((partitionOf.get(id) ?? partition) !== partition) violations.push(`${id}: two partitions`);
    partitionOf.set(id, partition);
    const state = JSON.stringify(value);
    const sameVersion = published.get(`${id}@${value.version}`);
    if (sameVersion !== undefined && sameVersion !== state) {
      violations.push(`${id}: two states with version ${value.version}`);
    }
    published.set(`${id}@${value.version}`, state);
    if (value.version > (latest.get(id)?.version ?? 0)) latest.set(id, value);
    else stale += 1;
  }
  return { latest, violations, stale };
}

/** The counters of the latest messages, keyed `key|currency` like the PostgreSQL rows. */
export function countersOf(messages: ReadonlyMap<string, Aggregate>): CountersByKey {
  const counters: CountersByKey = new Map();
  for (const [key, message] of messages) {
    const totals: TotalsByCurrency = message.totals;
    for (const [currency, sums] of Object.entries(totals)) {
      counters.set(`${key}|${currency}`, {
        raised_minor: String(sums.raisedMinor),
        refunded_minor: String(sums.refundedMinor),
        donation_count: String(sums.donationCount),
        refund_count: String(sums.refundCount),
        by_platform: Object.fromEntries(
          Object.entries(sums.byPlatform).map(([platform, share]) => [
            platform,
            {
              raisedMinor: String(share.raisedMinor),
              refundedMinor: String(share.refundedMinor),
              donationCount: String(share.donationCount),
              refundCount: String(share.refundCount),
            },
          ]),
        ),
      });
    }
  }
  return counters;
}

/** The counters of a totals table, keyed `key|currency` (the topics' shape). */
export async function postgresCounters(client: Client, table: TotalsTable): Promise<CountersByKey> {
  const totals = await totalsOf(client, table);
  return new Map(
    [...totals].map(([key, { first_event_at: _first, last_event_at: _last, ...row }]) => [
      key,
      row,
    ]),
  );
}
