import { AgeBand } from '@donations/contracts';
import { SeededRandom, WeightedChoice } from '../random/seeded-random';

/** Online donors are young: most between 18 and 34. */
const AGE_BANDS = new WeightedChoice<AgeBand>([
  ['<18', 0.03],
  ['18-24', 0.3],
  ['25-34', 0.35],
  ['35-44', 0.17],
  ['45-54', 0.09],
  ['55-64', 0.04],
  ['65+', 0.02],
]);

/** ISO 3166-2:CN provinces, weighted roughly by online population. */
const REGIONS = new WeightedChoice([
  ['CN-GD', 0.13],
  ['CN-ZJ', 0.08],
  ['CN-JS', 0.08],
  ['CN-SD', 0.07],
  ['CN-HA', 0.06],
  ['CN-SC', 0.06],
  ['CN-HE', 0.05],
  ['CN-HB', 0.05],
  ['CN-HN', 0.05],
  ['CN-BJ', 0.05],
  ['CN-SH', 0.05],
  ['CN-FJ', 0.04],
  ['CN-AH', 0.04],
  ['CN-SN', 0.03],
  ['CN-YN', 0.03],
  ['CN-GX', 0.03],
  ['CN-CQ', 0.03],
  ['CN-LN', 0.03],
  ['CN-XZ', 0.01],
] as const);

export interface DonorTraits {
  /** Index into the platform's donor pool: repeat donors share it. */
  index: number;
  ageBand: AgeBand;
  region: string;
}

/**
 * A donor of a pool of `poolSize` (per platform): a few give often (the index is skewed towards
 * 0), and a donor keeps its age band and region from one donation to the next.
 */
export function drawDonor(random: SeededRandom, poolSize: number, salt: number): DonorTraits {
  const index = Math.floor(poolSize * Math.pow(random.next(), 2));
  const traits = new SeededRandom((salt ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  return { index, ageBand: AGE_BANDS.draw(traits), region: REGIONS.draw(traits) };
}
