import type { CampaignCatalog } from '../catalog/campaign-catalog';
import type { SimulatorOptions } from '../cli/simulator-options';
import { Deliverer } from '../delivery/deliverer';
import { Semaphore } from '../delivery/semaphore';
import { JourneyPlanner } from '../journeys/journey-planner';
import { PlatformIds } from '../journeys/platform-ids';
import type { PlatformKeys } from '../platforms/platform-keys';
import { platformSims } from '../platforms/platform-sims';
import { GivingDayProfile } from '../profile/giving-day.profile';
import { SeededRandom } from '../random/seeded-random';
import { GroundTruth } from '../truth/ground-truth';
import { JourneyRunner } from './journey-runner';
import { TrafficRun } from './traffic-run';
import { TrafficStats } from './traffic-stats';

/** The sending side of a run, wired together. */
export interface Traffic {
  profile: GivingDayProfile;
  stats: TrafficStats;
  truth: GroundTruth;
  run: TrafficRun;
  startedAt: Date;
}

/** The simulated burst decays back towards the baseline over this many simulated minutes. */
const DECAY_MINUTES = 2;

export function buildTraffic(
  run: string,
  options: SimulatorOptions,
  keys: PlatformKeys,
  catalog: CampaignCatalog,
  stop: AbortController,
): Traffic {
  const profile = new GivingDayProfile({
    durationSeconds: options.durationSeconds,
    day: options.day,
    baselineRate: options.rate,
    burstFactor: options.burst,
    openingAt: options.openingAt,
    decayMinutes: DECAY_MINUTES,
  });
  const stats = new TrafficStats();
  const truth = new GroundTruth();
  const slots = new Semaphore(options.concurrency);
  const random = new SeededRandom(options.seed);
  const planner = new JourneyPlanner(catalog, profile, options.mix, random, new PlatformIds(run));
  const deliverer = new Deliverer(
    {
      urls: options.urls,
      requestTimeoutMs: options.requestTimeoutMs,
      retryScale: options.retryScale,
      deadline: (): number => trafficRun.deadline,
      signal: stop.signal,
    },
    stats,
    slots,
  );
  const sims = platformSims(keys);
  const runner = new JourneyRunner({ run, sims, deliverer, truth, stats, signal: stop.signal });
  const trafficRun = new TrafficRun(
    profile,
    planner,
    runner,
    slots,
    stats,
    {
      durationSeconds: options.durationSeconds,
      concurrency: options.concurrency,
      drainSeconds: options.drainSeconds,
    },
    stop,
  );
  return { profile, stats, truth, run: trafficRun, startedAt: new Date() };
}
