import type { Consumer, Kafka } from 'kafkajs';
import { TOPICS } from '@donations/contracts';
import type { BenchStack } from '../common/bench-stack';
import type { SystemCampaigns } from './system-campaigns';

/** The two topics whose freshness the bench measures. */
export const WATCHED = ['totals', 'stats'] as const;
export type Watched = (typeof WATCHED)[number];

/** Per donation (index), on one topic: when its campaign first showed a count, and the highest. */
export interface Sightings {
  /** performance.now() ms when the campaign first showed donationCount >= 1; NaN until then. */
  firstMs: Float64Array;
  /** The highest donationCount seen for the campaign (1 when counted exactly once). */
  maxCount: Uint32Array;
}

interface CountedValue {
  campaignId?: string;
  scope?: string;
  totals?: { CNY?: { donationCount?: number } };
}

/**
 * Reads aggregates.campaign-totals.v1 and stats.overview.v1 (campaign scopes) from the start, in
 * the bench's process, and notes when each donation's campaign total appears: the moment the
 * message is read here, on the same clock as the webhook's answer.
 */
export class FreshnessWatcher {
  readonly sightings: Record<Watched, Sightings>;
  private readonly consumer: Consumer;

  constructor(
    kafka: Kafka,
    private readonly stack: BenchStack,
    private readonly campaigns: SystemCampaigns,
    capacity: number,
  ) {
    const empty = (): Sightings => ({
      firstMs: new Float64Array(capacity).fill(Number.NaN),
      maxCount: new Uint32Array(capacity),
    });
    this.sightings = { totals: empty(), stats: empty() };
    this.consumer = kafka.consumer({
      groupId: `bench-system-${stack.run}`,
      maxWaitTimeInMs: 50,
      sessionTimeout: 30_000,
    });
  }

  async start(): Promise<void> {
    const totals = this.stack.topic(TOPICS.campaignTotals);
    const stats = this.stack.topic(TOPICS.statsOverview);
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [totals, stats], fromBeginning: true });
    await this.consumer.run({
      partitionsConsumedConcurrently: 4,
      eachBatch: ({ batch }) => {
        const seenMs = performance.now();
        const which: Watched = batch.topic === totals ? 'totals' : 'stats';
        for (const message of batch.messages) {
          if (!message.value) continue;
          this.note(which, JSON.parse(message.value.toString()) as CountedValue, seenMs);
        }
        return Promise.resolve();
      },
    });
  }

  /** Donations in [from, to) with a sighting on both topics. */
  seenOnBoth(from: number, to: number, accepted: (index: number) => boolean): boolean {
    for (let index = from; index < to; index++) {
      if (!accepted(index)) continue;
      for (const which of WATCHED)
        if (Number.isNaN(this.sightings[which].firstMs[index])) return false;
    }
    return true;
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }

  private note(which: Watched, value: CountedValue, seenMs: number): void {
    const campaignId =
      which === 'totals'
        ? value.campaignId
        : value.scope?.startsWith('campaign:')
          ? value.scope.slice('campaign:'.length)
          : undefined;
    if (campaignId === undefined) return;
    const index = this.campaigns.indexOf(campaignId);
    const sightings = this.sightings[which];
    if (index === undefined || index >= sightings.firstMs.length) return;
    const count = value.totals?.CNY?.donationCount ?? 0;
    if (count >= 1 && Number.isNaN(sightings.firstMs[index])) sightings.firstMs[index] = seenMs;
    if (count > sightings.maxCount[index]) sightings.maxCount[index] = count;
  }
}
