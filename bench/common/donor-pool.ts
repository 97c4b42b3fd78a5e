import { AgeBand, Donor, hashDonorId, Platform } from '@donations/contracts';
import { seededRandom } from '@donations/testing';
import { pick } from './random-draws';

const DONOR_HASH_KEY = 'aggregate-bench-donor-hash-key';

/** Mass participation, younger donors: the bands a donor declares, where a platform asks. */
const AGE_BAND_WEIGHTS: readonly [AgeBand, number][] = [
  ['<18', 0.03],
  ['18-24', 0.24],
  ['25-34', 0.33],
  ['35-44', 0.2],
  ['45-54', 0.11],
  ['55-64', 0.06],
  ['65+', 0.03],
];
/** ISO 3166-2:CN provinces, most populous first (drawn with a skew towards the first). */
const CN_REGIONS =
  'GD SD HA JS SC HE HN ZJ AH HB GX YN JX LN FJ SN GZ SX CQ HL XJ SH GS NM JL BJ TJ HI NX QH XZ'
    .split(' ')
    .map((code) => `CN-${code}`);
/** Overseas givers (stripe): short country labels. */
const OVERSEAS_REGIONS = ['HK', 'US', 'SG', 'GB', 'AU', 'CA'];

/** What each platform tells about a donor, and for which share of its donors. */
const DETAILS: Record<Platform, { ageBand: number; region: 'cn' | 'overseas' | undefined }> = {
  alipay: { ageBand: 0.7, region: 'cn' },
  tencent: { ageBand: 0.7, region: 'cn' },
  shuidi: { ageBand: 0, region: 'cn' },
  jd: { ageBand: 0, region: undefined },
  stripe: { ageBand: 0, region: 'overseas' },
};
const REGION_SHARE = 0.85;

/**
 * A fixed population of donors per platform, built on first use: each donor's keyed hash and,
 * with `details`, the age band and region their platform sends (always the same for a donor).
 * Details come from a PRNG of their own, so turning them on leaves the stream's other draws as
 * they were. Counts the distinct donors who gave.
 */
export class DonorPool {
  private readonly donors = new Map<Platform, (Donor | undefined)[]>();
  private readonly gave = new Map<Platform, Uint8Array>();
  private readonly detailRandom: () => number;
  /** Distinct donors drawn so far. */
  distinct = 0;

  constructor(
    private readonly perPlatform: number,
    private readonly details: boolean,
    seed: number,
  ) {
    this.detailRandom = seededRandom(seed ^ 0x5eed);
  }

  /** The donor `roll` (in [0, 1)) picks among the platform's. */
  draw(platform: Platform, roll: number): Donor {
    const index = Math.floor(roll * this.perPlatform);
    const donors = this.donors.get(platform) ?? [];
    const gave = this.gave.get(platform) ?? new Uint8Array(this.perPlatform);
    this.donors.set(platform, donors);
    this.gave.set(platform, gave);
    if (gave[index] === 0) this.distinct += 1;
    gave[index] = 1;
    const donor = donors[index] ?? this.create(platform, index);
    donors[index] = donor;
    return donor;
  }

  private create(platform: Platform, index: number): Donor {
    const hash = hashDonorId(DONOR_HASH_KEY, platform, `user-${index}`);
    if (!this.details) return { hash };
    const sends = DETAILS[platform];
    const random = this.detailRandom;
    const ageBand = random() < sends.ageBand ? pick(AGE_BAND_WEIGHTS, random()) : undefined;
    const region = random() < REGION_SHARE ? regionOf(sends.region, random()) : undefined;
    return {
      hash,
      ...(ageBand === undefined ? {} : { ageBand }),
      ...(region === undefined ? {} : { region }),
    };
  }
}

function regionOf(kind: 'cn' | 'overseas' | undefined, roll: number): string | undefined {
  if (kind === undefined) return undefined;
  const regions = kind === 'cn' ? CN_REGIONS : OVERSEAS_REGIONS;
  return regions[Math.floor(regions.length * roll ** 1.6)];
}
