export interface GivingDayOptions {
  /** Real seconds the run sends traffic for. */
  durationSeconds: number;
  /** The giving day, a Beijing date YYYY-MM-DD. */
  day: string;
  /** Donations per second before matching opens. */
  baselineRate: number;
  /** How many times the baseline the rate jumps to when matching opens at 10:00 (design: 20-50). */
  burstFactor: number;
  /** The share of the run before 10:00 (the simulated clock starts at 09:58). */
  openingAt: number;
  /** The burst decays towards the baseline with this time constant, in simulated minutes. */
  decayMinutes: number;
}

/** The simulated clock starts this long before matching opens at 10:00 Beijing time. */
const LEAD_SECONDS = 120;
const VIRAL_SHARE = { baseline: 0.08, peak: 0.4 } as const;

/**
 * The giving-day traffic shape on a simulated clock: the run plays 09:58 to past 10:00 of the
 * giving day compressed into its duration (09:58-10:00 takes `openingAt` of it). Before 10:00 the
 * rate is the baseline; at 10:00 matching opens and the rate jumps to `burstFactor` times the
 * baseline, then decays back exponentially. One viral campaign takes a growing share at the peak.
 * Pure: times are real milliseconds since the run started.
 */
export class GivingDayProfile {
  /** Simulated seconds per real second. */
  readonly speed: number;
  /** The simulated instant the run starts at: 09:58 Beijing time on the giving day. */
  readonly startsAt: Date;
  /** Real milliseconds after the start when matching opens (10:00 simulated). */
  readonly opensAfterMs: number;
  private readonly tauMs: number;

  constructor(private readonly options: GivingDayOptions) {
    this.opensAfterMs = options.durationSeconds * 1000 * options.openingAt;
    this.speed = LEAD_SECONDS / (this.opensAfterMs / 1000);
    this.startsAt = new Date(`${options.day}T09:58:00+08:00`);
    if (Number.isNaN(this.startsAt.getTime())) throw new Error(`not a day: ${options.day}`);
    this.tauMs = (options.decayMinutes * 60 * 1000) / this.speed;
  }

  /** The simulated time `elapsedMs` into the run: what occurredAt says. */
  simulatedAt(elapsedMs: number): Date {
    return new Date(this.startsAt.getTime() + elapsedMs * this.speed);
  }

  /** The simulated instant at the end of the run. */
  get endsAt(): Date {
    return this.simulatedAt(this.options.durationSeconds * 1000);
  }

  /** 1 before 10:00; after it 1 + (burst - 1) * e^(-t/tau). */
  multiplier(elapsedMs: number): number {
    return 1 + (this.options.burstFactor - 1) * this.intensity(elapsedMs);
  }

  /** Donations per second at `elapsedMs`. */
  rate(elapsedMs: number): number {
    return this.options.baselineRate * this.multiplier(elapsedMs);
  }

  /** How far into the burst: 0 at the baseline, 1 the moment matching opens. */
  intensity(elapsedMs: number): number {
    if (elapsedMs < this.opensAfterMs) return 0;
    return Math.exp(-(elapsedMs - this.opensAfterMs) / this.tauMs);
  }

  /** The share of donations the viral campaign takes at `elapsedMs` (the hot key). */
  viralShare(elapsedMs: number): number {
    return (
      VIRAL_SHARE.baseline + (VIRAL_SHARE.peak - VIRAL_SHARE.baseline) * this.intensity(elapsedMs)
    );
  }

  /** Donations due in [fromMs, toMs): the integral of the rate (closed form). */
  expectedBetween(fromMs: number, toMs: number): number {
    if (toMs <= fromMs) return 0;
    const opens = this.opensAfterMs;
    const beforeMs = Math.max(0, Math.min(toMs, opens) - fromMs);
    const afterFrom = Math.max(fromMs, opens);
    let afterMs = 0;
    if (toMs > afterFrom) {
      const decay = (at: number) => Math.exp(-(at - opens) / this.tauMs);
      const burstArea =
        (this.options.burstFactor - 1) * this.tauMs * (decay(afterFrom) - decay(toMs));
      afterMs = toMs - afterFrom + burstArea;
    }
    return (this.options.baselineRate * (beforeMs + afterMs)) / 1000;
  }
}
