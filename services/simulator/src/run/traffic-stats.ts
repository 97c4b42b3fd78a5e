import { Platform, PLATFORMS } from '@donations/contracts';

/** Requests of one platform so far. */
export interface PlatformCounts {
  /** Attempts posted (first tries, retries and re-sends). */
  sent: number;
  /** Attempts answered with the protocol's success. */
  accepted: number;
  /** Attempts that were a retry after a failure. */
  retried: number;
  /** Attempts answered 4xx. */
  rejected: number;
  /** Attempts answered 5xx (or not with success), or not answered in time. */
  failed: number;
  /** Notifications the platform stopped retrying (schedule exhausted or the run ended). */
  gaveUp: number;
}

/** Something that should not happen: a valid notification refused, a bad one accepted, ... */
export interface Anomaly {
  platform: Platform;
  correlationId: string;
  what: string;
}

const ANOMALIES_KEPT = 50;

/** The run's counters, read by the progress line and the summary. */
export class TrafficStats {
  readonly byPlatform: Record<Platform, PlatformCounts>;
  readonly anomalies: Anomaly[] = [];
  anomalyCount = 0;
  donationsStarted = 0;
  malformedSent = 0;
  /** Malformed requests that got their 4xx: each must be on donations.dlq. */
  readonly deadLettered: string[] = [];
  /** Deliveries that were never answered before the platform gave up: their fate is unknown. */
  inDoubt = 0;

  constructor() {
    this.byPlatform = Object.fromEntries(
      PLATFORMS.map((platform) => [
        platform,
        { sent: 0, accepted: 0, retried: 0, rejected: 0, failed: 0, gaveUp: 0 },
      ]),
    ) as Record<Platform, PlatformCounts>;
  }

  count(platform: Platform, field: keyof PlatformCounts): void {
    this.byPlatform[platform][field] += 1;
  }

  anomaly(anomaly: Anomaly): void {
    this.anomalyCount += 1;
    if (this.anomalies.length < ANOMALIES_KEPT) this.anomalies.push(anomaly);
  }

  /** Sums over the platforms. */
  totals(): PlatformCounts {
    const sum = { sent: 0, accepted: 0, retried: 0, rejected: 0, failed: 0, gaveUp: 0 };
    for (const counts of Object.values(this.byPlatform)) {
      for (const field of Object.keys(sum) as (keyof PlatformCounts)[]) sum[field] += counts[field];
    }
    return sum;
  }
}
