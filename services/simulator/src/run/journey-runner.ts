import type { Platform } from '@donations/contracts';
import type { Deliverer } from '../delivery/deliverer';
import { sleep } from '../delivery/interruptible-sleep';
import { factsOf } from '../journeys/facts';
import type { DonationJourney, MalformedJourney, Notification } from '../journeys/journey.types';
import { malformedRequest } from '../platforms/malformed-request';
import type { PlatformSim, PreparedMessage } from '../platforms/platform-sim.types';
import type { GroundTruth } from '../truth/ground-truth';
import type { TrafficStats } from './traffic-stats';

export interface JourneyRunnerDeps {
  run: string;
  sims: Readonly<Record<Platform, PlatformSim>>;
  deliverer: Deliverer;
  truth: GroundTruth;
  stats: TrafficStats;
  signal: AbortSignal;
}

/**
 * Plays one journey: its deliveries one after the other at their planned times, each delivered
 * (and retried) as the platform does; what the adapter accepts goes into the ground truth.
 * Every request carries `x-correlation-id: sim-<run>-<journey>-<delivery>`.
 */
export class JourneyRunner {
  constructor(private readonly deps: JourneyRunnerDeps) {}

  /** Resolves true when every delivery was made (false: the run was interrupted first). */
  async donation(journey: DonationJourney, seq: number, startAt: number): Promise<boolean> {
    const { plan } = journey;
    const sim = this.deps.sims[plan.platform];
    const prepared = new Map<number, PreparedMessage>();
    for (const [n, planned] of journey.deliveries.entries()) {
      if (!(await sleep(startAt + planned.atMs - Date.now(), this.deps.signal))) return false;
      const notification = journey.notifications[planned.notification];
      let message = prepared.get(planned.notification);
      if (!message) prepared.set(planned.notification, (message = sim.prepare(plan, notification)));
      await this.deliverValid(
        sim,
        journey,
        notification,
        message,
        `sim-${this.deps.run}-${seq}-${n}`,
      );
    }
    return true;
  }

  async malformed(journey: MalformedJourney, seq: number): Promise<boolean> {
    const { plan, malformed } = journey;
    const sim = this.deps.sims[plan.platform];
    const correlationId = `sim-${this.deps.run}-${seq}-${malformed}`;
    this.deps.stats.malformedSent += 1;
    const result = await this.deps.deliverer.deliver({
      platform: plan.platform,
      correlationId,
      request: (at) => malformedRequest(sim, plan, malformed, at),
      isSuccess: (status, body) => sim.isSuccess(status, body),
    });
    if (result.kind === 'rejected') this.deps.stats.deadLettered.push(correlationId);
    if (result.kind === 'accepted') {
      this.deps.stats.anomaly({
        platform: plan.platform,
        correlationId,
        what: `${malformed} request accepted`,
      });
    }
    return !this.deps.signal.aborted;
  }

  private async deliverValid(
    sim: PlatformSim,
    journey: DonationJourney,
    notification: Notification,
    message: PreparedMessage,
    correlationId: string,
  ): Promise<void> {
    const { platform } = journey.plan;
    const result = await this.deps.deliverer.deliver({
      platform,
      correlationId,
      request: (at) => ({ path: sim.path, headers: sim.sign(message, at), body: message.body }),
      isSuccess: (status, body) => sim.isSuccess(status, body),
    });
    switch (result.kind) {
      case 'accepted':
        this.deps.truth.accept(factsOf(journey.plan, notification));
        return;
      case 'rejected':
        this.deps.stats.anomaly({
          platform,
          correlationId,
          what: `valid ${notification.kind} notification rejected: HTTP ${result.status} ${result.code}`,
        });
        return;
      case 'gave-up':
        if (!result.inDoubt) return;
        this.deps.stats.inDoubt += 1;
        this.deps.truth.doubt(platform, journey.plan.txnId);
        return;
    }
  }
}
