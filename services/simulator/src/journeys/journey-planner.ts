import { Platform } from '@donations/contracts';
import type { CampaignCatalog, SimCampaign } from '../catalog/campaign-catalog';
import { donationAmountMinor, refundAmountsMinor, SimCurrency } from '../profile/amounts';
import { drawDonor } from '../profile/donors';
import { beijingDate } from '../platforms/beijing-time';
import type { GivingDayProfile } from '../profile/giving-day.profile';
import { SeededRandom, WeightedChoice } from '../random/seeded-random';
import type { PlatformIds } from './platform-ids';
import type {
  DonationJourney,
  DonationPlan,
  Journey,
  MalformedKind,
  Notification,
  PlannedDelivery,
} from './journey.types';

/** How often each irregularity happens (shares of donations, or of requests for duplicates). */
export interface TrafficMix {
  duplicateRate: number;
  refundRate: number;
  lateRate: number;
  malformedRate: number;
  /** Of the refunded donations: the refund is delivered before the donation. */
  refundFirstRate: number;
  /** Of Stripe payments: both checkout.session.completed and charge.succeeded are sent. */
  stripeBothRate: number;
}

export const DEFAULT_MIX: TrafficMix = {
  duplicateRate: 0.05,
  refundRate: 0.04,
  lateRate: 0.03,
  malformedRate: 0.01,
  refundFirstRate: 0.3,
  stripeBothRate: 0.4,
};

/** The platforms' shares of giving-day donations. */
const PLATFORM_SHARES = new WeightedChoice<Platform>([
  ['tencent', 0.42],
  ['alipay', 0.3],
  ['shuidi', 0.12],
  ['jd', 0.1],
  ['stripe', 0.06],
]);

const STRIPE_CURRENCIES = new WeightedChoice<SimCurrency>([
  ['USD', 0.6],
  ['HKD', 0.25],
  ['EUR', 0.15],
]);

const MALFORMED_BY_PLATFORM: Readonly<Record<Platform, readonly MalformedKind[]>> = {
  alipay: ['bad-signature', 'broken-body', 'unknown-campaign'],
  tencent: [
    'bad-signature',
    'broken-body',
    'stale-timestamp',
    'unknown-campaign',
    'signtest-probe',
  ],
  stripe: ['bad-signature', 'broken-body', 'stale-timestamp', 'unknown-campaign'],
  shuidi: ['bad-signature', 'broken-body', 'stale-timestamp', 'unknown-campaign'],
  jd: ['bad-signature', 'broken-body', 'stale-timestamp', 'unknown-campaign'],
};

const DONOR_POOL = 50_000;

/**
 * Draws the run's journeys: which platform, campaign (the viral one by the profile's share, the
 * others by a Zipf-like popularity), amount, donor, and what happens next (refunds, duplicates,
 * late or out-of-order delivery, or a malformed request instead). Deterministic in the seed.
 */
export class JourneyPlanner {
  private readonly popular: WeightedChoice<SimCampaign>;
  private readonly viral: SimCampaign;
  private seq = 0;

  constructor(
    catalog: CampaignCatalog,
    private readonly profile: GivingDayProfile,
    private readonly mix: TrafficMix,
    private readonly random: SeededRandom,
    private readonly ids: PlatformIds,
  ) {
    const others = catalog.campaigns.filter((campaign) => !campaign.viral);
    this.viral = catalog.campaigns.find((campaign) => campaign.viral) ?? catalog.campaigns[0];
    this.popular = new WeightedChoice(
      (others.length > 0 ? others : [this.viral]).map((c, i) => [c, 1 / Math.pow(i + 1, 0.8)]),
    );
  }

  /** The journey starting `elapsedMs` into the run. */
  next(elapsedMs: number): Journey {
    const plan = this.plan(elapsedMs);
    if (this.random.chance(this.mix.malformedRate)) {
      const kinds = MALFORMED_BY_PLATFORM[plan.platform];
      return {
        kind: 'malformed',
        malformed: kinds[this.random.between(0, kinds.length - 1)],
        plan,
      };
    }
    return this.schedule(plan);
  }

  private plan(elapsedMs: number): DonationPlan {
    const { random } = this;
    const platform = PLATFORM_SHARES.draw(random);
    const campaign = random.chance(this.profile.viralShare(elapsedMs))
      ? this.viral
      : this.popular.draw(random);
    const currency = platform === 'stripe' ? STRIPE_CURRENCIES.draw(random) : 'CNY';
    const occurredAt = this.profile.simulatedAt(elapsedMs);
    const day = beijingDay(occurredAt);
    const seq = this.seq++;
    const txnId = this.ids.transaction(platform, seq, day);
    const donor = drawDonor(random, DONOR_POOL, DONOR_SALT[platform]);
    return {
      platform,
      campaign,
      txnId,
      amountMinor: donationAmountMinor(random, currency),
      currency,
      occurredAt,
      donor: { ...donor, userId: this.ids.donor(platform, donor.index) },
      refunds: [],
    };
  }

  /** Refunds, Stripe's second report, late or refund-first delivery, duplicates. */
  private schedule(plan: DonationPlan): DonationJourney {
    const { random, mix } = this;
    const notifications: Notification[] = [{ kind: 'paid' }];
    const deliveries: PlannedDelivery[] = [{ notification: 0, atMs: 0, duplicate: false }];
    if (plan.platform === 'stripe' && random.chance(mix.stripeBothRate)) {
      notifications.push({ kind: 'charge' });
      deliveries.push({ notification: 1, atMs: random.between(50, 800), duplicate: false });
    }
    if (random.chance(mix.refundRate)) this.addRefunds(plan, notifications, deliveries);
    else if (random.chance(mix.lateRate)) deliveries[0].atMs = random.between(2_000, 8_000);
    for (const delivery of [...deliveries]) {
      if (!random.chance(mix.duplicateRate)) continue;
      const atMs = delivery.atMs + random.between(200, 3_000);
      deliveries.push({ notification: delivery.notification, atMs, duplicate: true });
    }
    deliveries.sort((a, b) => a.atMs - b.atMs);
    return { kind: 'donation', plan, notifications, deliveries };
  }

  private addRefunds(
    plan: DonationPlan,
    notifications: Notification[],
    deliveries: PlannedDelivery[],
  ): void {
    const { random } = this;
    let atMs = Math.max(...deliveries.map((delivery) => delivery.atMs));
    let cumulativeMinor = 0;
    const refundDeliveries: PlannedDelivery[] = [];
    for (const [n, amountMinor] of refundAmountsMinor(random, plan.amountMinor).entries()) {
      atMs += random.between(300, 2_500);
      cumulativeMinor += amountMinor;
      const occurredAt = new Date(plan.occurredAt.getTime() + atMs * this.profile.speed);
      const refundId = this.ids.refund(plan.platform, plan.txnId, n + 1);
      plan.refunds.push({ refundId, amountMinor, cumulativeMinor, occurredAt });
      notifications.push({ kind: 'refund', refund: n });
      refundDeliveries.push({ notification: notifications.length - 1, atMs, duplicate: false });
    }
    if (refundDeliveries.length === 2 && random.chance(0.5)) {
      [refundDeliveries[0].atMs, refundDeliveries[1].atMs] = [
        refundDeliveries[1].atMs,
        refundDeliveries[0].atMs,
      ];
    }
    if (random.chance(this.mix.refundFirstRate)) {
      // The refund overtakes its donation: the payment notifications go out after the refunds.
      const firstRefundMs = Math.min(...refundDeliveries.map((delivery) => delivery.atMs));
      const shift = atMs - firstRefundMs + random.between(300, 2_000);
      for (const delivery of deliveries) delivery.atMs += shift;
      for (const delivery of refundDeliveries) delivery.atMs -= firstRefundMs;
    }
    deliveries.push(...refundDeliveries);
  }
}

const DONOR_SALT: Readonly<Record<Platform, number>> = {
  alipay: 0xa11,
  tencent: 0x7e5,
  stripe: 0x57e,
  shuidi: 0x5d1,
  jd: 0x1d0,
};

/** YYYYMMDD of an instant in Beijing time (UTC+8, no daylight saving). */
export function beijingDay(at: Date): string {
  return beijingDate(at).replaceAll('-', '');
}
