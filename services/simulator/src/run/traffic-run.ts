import { sleep } from '../delivery/interruptible-sleep';
import type { Semaphore } from '../delivery/semaphore';
import type { JourneyPlanner } from '../journeys/journey-planner';
import type { Journey } from '../journeys/journey.types';
import type { GivingDayProfile } from '../profile/giving-day.profile';
import type { JourneyRunner } from './journey-runner';
import type { TrafficStats } from './traffic-stats';

export interface TrafficRunOptions {
  durationSeconds: number;
  /** Requests in flight at most. */
  concurrency: number;
  /** After the sending phase, how long journeys (late deliveries, retries) may still take. */
  drainSeconds: number;
}

/** What the progress line shows about the run itself. */
export interface RunState {
  elapsedMs: number;
  simulatedAt: Date;
  targetRate: number;
  /** Donations due by the profile but not started: the system (or this machine) is behind. */
  behind: number;
  activeJourneys: number;
  inFlight: number;
  queued: number;
  draining: boolean;
}

const TICK_MS = 20;
/** Requests waiting for a slot, in multiples of the concurrency, before starts are held back. */
const BACKLOG_FACTOR = 4;

/**
 * The sending phase: starts journeys as the giving-day profile makes them due (open loop, held
 * back only while requests pile up), then lets the started ones finish within the drain time.
 */
export class TrafficRun {
  private readonly active = new Set<Promise<boolean>>();
  private startedAt = Date.now();
  private behind = 0;
  private draining = false;
  private seq = 0;

  /** Donations the profile made due that were never started (the system was behind). */
  get notStarted(): number {
    return this.behind;
  }

  constructor(
    private readonly profile: GivingDayProfile,
    private readonly planner: JourneyPlanner,
    private readonly runner: JourneyRunner,
    private readonly slots: Semaphore,
    private readonly stats: TrafficStats,
    private readonly options: TrafficRunOptions,
    private readonly stop: AbortController,
  ) {}

  /** When no retry may be scheduled any more (epoch ms). */
  get deadline(): number {
    return this.startedAt + (this.options.durationSeconds + this.options.drainSeconds) * 1000;
  }

  state(): RunState {
    const elapsedMs = Date.now() - this.startedAt;
    return {
      elapsedMs,
      simulatedAt: this.profile.simulatedAt(
        Math.min(elapsedMs, this.options.durationSeconds * 1000),
      ),
      targetRate: this.draining ? 0 : this.profile.rate(elapsedMs),
      behind: this.behind,
      activeJourneys: this.active.size,
      inFlight: this.slots.inUse,
      queued: this.slots.waiting,
      draining: this.draining,
    };
  }

  async run(): Promise<void> {
    this.startedAt = Date.now();
    const durationMs = this.options.durationSeconds * 1000;
    const { signal } = this.stop;
    let started = 0;
    for (
      let elapsed = 0;
      elapsed < durationMs && !signal.aborted;
      elapsed = Date.now() - this.startedAt
    ) {
      const due = Math.floor(this.profile.expectedBetween(0, elapsed));
      // Journeys started in this tick reach the queue only after it: room is counted once.
      const room = this.options.concurrency * BACKLOG_FACTOR - this.slots.waiting;
      for (let n = 0; n < room && started < due; n += 1, started += 1) {
        this.start(this.planner.next(elapsed));
      }
      this.behind = due - started;
      await sleep(TICK_MS, signal);
    }
    await this.drain();
  }

  private start(journey: Journey): void {
    const seq = this.seq++;
    const startAt = Date.now();
    if (journey.kind === 'donation') this.stats.donationsStarted += 1;
    const running =
      journey.kind === 'donation'
        ? this.runner.donation(journey, seq, startAt)
        : this.runner.malformed(journey, seq);
    const tracked = running.catch((error: unknown) => {
      const what = `journey failed: ${error instanceof Error ? error.message : String(error)}`;
      this.stats.anomaly({ platform: journey.plan.platform, correlationId: `#${seq}`, what });
      return false;
    });
    this.active.add(tracked);
    void tracked.finally(() => this.active.delete(tracked));
  }

  /** Waits for the started journeys; past the drain time the rest are abandoned. */
  private async drain(): Promise<void> {
    this.draining = true;
    const all = Promise.all(this.active);
    const finished = await Promise.race([
      all.then(() => true),
      sleep(Math.max(0, this.deadline - Date.now()), this.stop.signal).then(() => false),
    ]);
    if (!finished) this.stop.abort();
    await Promise.all(this.active);
  }
}
