import type { StatsTimeseriesV1 } from '@donations/contracts';
import type { ApplyOutcome } from './totals-board';

const MINUTE_MS = 60_000;

export interface MinutePoint {
  /** The start of the UTC minute (ISO-8601). */
  minute: string;
  perCurrency: StatsTimeseriesV1['perCurrency'];
}

interface HeldMinute {
  version: number;
  perCurrency: StatsTimeseriesV1['perCurrency'];
}

/**
 * The last `windowMinutes` minutes of one scope's per-minute series, counted back from the
 * latest minute seen (event time, not the wall clock). The latest version of a minute replaces
 * the earlier ones; a minute older than the window is ignored, and the window's memory is all
 * that is kept.
 */
export class MinuteSeries {
  private readonly minutes = new Map<number, HeldMinute>();
  private latest = Number.NEGATIVE_INFINITY;

  constructor(private readonly windowMinutes: number) {}

  apply(message: Pick<StatsTimeseriesV1, 'minute' | 'version' | 'perCurrency'>): ApplyOutcome {
    const at = Date.parse(message.minute);
    if (at < this.oldestKept(Math.max(this.latest, at))) return 'ignored';
    const held = this.minutes.get(at);
    if (held && held.version >= message.version) return 'stale';
    this.minutes.set(at, { version: message.version, perCurrency: message.perCurrency });
    if (at > this.latest) {
      this.latest = at;
      this.evict();
    }
    return 'applied';
  }

  /** The kept minutes, oldest first. */
  points(): MinutePoint[] {
    return [...this.minutes.entries()]
      .sort(([a], [b]) => a - b)
      .map(([at, held]) => ({ minute: new Date(at).toISOString(), perCurrency: held.perCurrency }));
  }

  private oldestKept(latest: number): number {
    return latest - (this.windowMinutes - 1) * MINUTE_MS;
  }

  private evict(): void {
    const oldest = this.oldestKept(this.latest);
    for (const at of this.minutes.keys()) {
      if (at < oldest) this.minutes.delete(at);
    }
  }
}
