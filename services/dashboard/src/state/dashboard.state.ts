import { GLOBAL_SCOPE, TOPICS } from '@donations/contracts';
import type { CompactedFeedTopic, FeedRecord } from '../feed/feed-record';
import { namesOf, NO_NAMES, RegistryNames } from '../names/registry-names';
import { figuresOf } from './figures';
import { MinutePoint, MinuteSeries } from './minute-series';
import { OverviewBoard, OverviewView } from './overview-board';
import { ApplyOutcome, CurrencyTotals, RankedList, TotalsBoard } from './totals-board';

/** A consumer group's lag on donations.normalized.v1; null when it commits no offsets to Kafka. */
export interface GroupLag {
  group: string;
  lag: number | null;
}

export interface PipelineView {
  /** Messages held in donations.dlq (all partitions); null until first read. */
  dlqMessages: number | null;
  lag: GroupLag[];
  checkedAt: string | null;
}

export interface FeedView {
  /** True once everything that was in the topics when the gateway started has been read. */
  caughtUp: boolean;
  applied: number;
  stale: number;
  ignored: number;
  invalid: number;
}

/** Everything the live page shows: GET /api/snapshot, and each server-sent event. */
export interface DashboardSnapshot {
  generatedAt: string;
  /** The sum of every campaign's latest totals, per currency, CNY first: the exact figures. */
  totals: CurrencyTotals[];
  /** Donations over every currency (counts add up; amounts never do). */
  donationCount: number;
  campaignCount: number;
  charityCount: number;
  topCampaigns: RankedList<Record<never, never>>[];
  topCharities: RankedList<{ campaignCount: number }>[];
  /** The registry's names of the ids in the top lists (an id without one is shown as is). */
  names: { campaigns: Record<string, string>; charities: Record<string, string> };
  overview: OverviewView | null;
  /** The global per-minute series, oldest first. */
  series: MinutePoint[];
  pipeline: PipelineView;
  feed: FeedView;
}

export interface DashboardStateOptions {
  topN: number;
  seriesMinutes: number;
}

/**
 * The dashboard's state, built from the feed topics: the latest version of every campaign and
 * charity, the global and platform overviews, and a window of the global per-minute series.
 */
export class DashboardState {
  private readonly campaigns = new TotalsBoard();
  private readonly charities = new TotalsBoard<{ campaignCount: number }>();
  private readonly overviews = new OverviewBoard();
  private readonly series: MinuteSeries;
  private pipeline: PipelineView = { dlqMessages: null, lag: [], checkedAt: null };
  private names: RegistryNames = NO_NAMES;
  private readonly feed: FeedView = {
    caughtUp: false,
    applied: 0,
    stale: 0,
    ignored: 0,
    invalid: 0,
  };

  constructor(private readonly options: DashboardStateOptions) {
    this.series = new MinuteSeries(options.seriesMinutes);
  }

  apply(record: FeedRecord): ApplyOutcome {
    const outcome = this.applyRecord(record);
    this.feed[outcome] += 1;
    return outcome;
  }

  /** Counts a message that was not valid on its topic. */
  reject(): void {
    this.feed.invalid += 1;
  }

  markCaughtUp(): void {
    this.feed.caughtUp = true;
  }

  /** Records the latest pipeline reading; true when what the page shows changed. */
  setPipeline(view: PipelineView): boolean {
    const changed =
      view.dlqMessages !== this.pipeline.dlqMessages ||
      JSON.stringify(view.lag) !== JSON.stringify(this.pipeline.lag);
    this.pipeline = view;
    return changed;
  }

  /** The registry's names; true when they differ from those held. */
  setNames(names: RegistryNames): boolean {
    const same = (a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>) =>
      a.size === b.size && [...a].every(([id, name]) => b.get(id) === name);
    const changed =
      !same(names.campaigns, this.names.campaigns) || !same(names.charities, this.names.charities);
    this.names = names;
    return changed;
  }

  snapshot(now: Date): DashboardSnapshot {
    const totals = this.campaigns.totals();
    const topCampaigns = this.campaigns.top(this.options.topN);
    const topCharities = this.charities.top(this.options.topN);
    const ids = (lists: { entries: { id: string }[] }[]) =>
      lists.flatMap((list) => list.entries.map((entry) => entry.id));
    return {
      generatedAt: now.toISOString(),
      totals,
      donationCount: totals.reduce((sum, t) => sum + t.donationCount, 0),
      campaignCount: this.campaigns.size,
      charityCount: this.charities.size,
      topCampaigns,
      topCharities,
      names: namesOf(this.names, { campaigns: ids(topCampaigns), charities: ids(topCharities) }),
      overview: this.overviews.view(),
      series: this.series.points(),
      pipeline: this.pipeline,
      feed: { ...this.feed },
    };
  }

  private applyRecord(record: FeedRecord): ApplyOutcome {
    switch (record.kind) {
      case 'campaign': {
        const { campaignId, version, totals } = record.value;
        return this.campaigns.apply(campaignId, version, figuresOf(totals), {});
      }
      case 'charity': {
        const { charityId, version, totals, campaignCount } = record.value;
        return this.charities.apply(charityId, version, figuresOf(totals), { campaignCount });
      }
      case 'overview':
        return this.overviews.apply(record.value);
      case 'minute':
        return record.value.scope === GLOBAL_SCOPE ? this.series.apply(record.value) : 'ignored';
      case 'tombstone':
        return this.remove(record.topic, record.key);
    }
  }

  private remove(topic: CompactedFeedTopic, key: string): ApplyOutcome {
    switch (topic) {
      case TOPICS.campaignTotals:
        return this.campaigns.remove(key);
      case TOPICS.charityRollups:
        return this.charities.remove(key);
      case TOPICS.statsOverview:
        return this.overviews.remove(key);
    }
  }
}
