import {
  campaignScope,
  charityScope,
  DonationEventV1,
  GLOBAL_SCOPE,
  minuteBucket,
  platformScope,
} from '@donations/contracts';

/** One minute of one scope's series. */
export interface ChangedMinute {
  scope: string;
  minute: string;
}

/** What changed since the last publication round. */
export interface PendingChanges {
  /** Scopes whose stats.overview.v1 value changed. */
  overviews: string[];
  /** Minutes whose stats.timeseries.v1 value changed, oldest first per scope. */
  minutes: ChangedMinute[];
}

/** The overview scopes a counted event changes: global, its platform, charity and campaign. */
export const overviewScopesOf = (event: DonationEventV1): string[] => [
  GLOBAL_SCOPE,
  platformScope(event.platform),
  charityScope(event.charityId),
  campaignScope(event.campaignId),
];

/**
 * The scopes and minutes changed by counted events, kept in memory until the publisher takes
 * them. A process that dies before publishing loses them: those keys are published again at
 * their next change (the figures in Redis are right; only the topic lags until then).
 */
export class StatsChanges {
  private overviews = new Set<string>();
  /** scope -> its changed minutes (series are kept for the global scope). */
  private minutes = new Map<string, Set<string>>();

  /** Records what the events (counted by a batch, duplicates left out) changed. */
  record(events: readonly DonationEventV1[]): void {
    for (const event of events) {
      for (const scope of overviewScopesOf(event)) this.overviews.add(scope);
      this.addMinute({ scope: GLOBAL_SCOPE, minute: minuteBucket(event.occurredAt) });
    }
  }

  /** Everything pending, which is then no longer pending. */
  take(): PendingChanges {
    const pending: PendingChanges = {
      overviews: [...this.overviews],
      minutes: [...this.minutes].flatMap(([scope, minutes]) =>
        [...minutes].sort().map((minute) => ({ scope, minute })),
      ),
    };
    this.overviews = new Set();
    this.minutes = new Map();
    return pending;
  }

  /** Puts back what a failed round did not publish. */
  restore(pending: PendingChanges): void {
    for (const scope of pending.overviews) this.overviews.add(scope);
    for (const minute of pending.minutes) this.addMinute(minute);
  }

  get size(): number {
    let minutes = 0;
    for (const set of this.minutes.values()) minutes += set.size;
    return this.overviews.size + minutes;
  }

  private addMinute({ scope, minute }: ChangedMinute): void {
    let set = this.minutes.get(scope);
    if (!set) this.minutes.set(scope, (set = new Set()));
    set.add(minute);
  }
}
