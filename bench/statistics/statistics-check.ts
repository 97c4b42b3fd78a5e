import type { PlainRedis } from '@donations/testing';
import { GLOBAL_SCOPE } from '@donations/contracts';
import {
  TOTAL_MEASURES,
  statsKeys,
  totalsField,
} from '../../services/statistics/src/stats/stats.keys';
import type { DatasetTruth } from '../common/donation-stream';

export interface StatisticsCheck {
  ok: boolean;
  /** One line per disagreement; empty when the service's figures match the dataset. */
  problems: string[];
  /** PFCOUNT of the global unique donors, and the dataset's exact count. */
  donors: { estimated: number; actual: number };
}

/** HyperLogLog's standard error in Redis is 0.81%; a count further off than this is wrong. */
const DONOR_TOLERANCE = 0.03;

/**
 * The service's global figures against what the bench produced: per currency, raised, refunded
 * and the donation and refund counts in `stats:totals:global` equal the dataset's (every
 * duplicate counted once, every refund counted), and the global unique-donor estimate is
 * within DONOR_TOLERANCE of the exact count. Reads the service's key layout
 * (services/statistics/src/stats/stats.keys.ts) directly.
 */
export async function checkStatistics(
  redis: PlainRedis,
  truth: DatasetTruth,
): Promise<StatisticsCheck> {
  const totals = await redis.hGetAll(statsKeys.totals(GLOBAL_SCOPE));
  const estimated = await redis.pfCount(statsKeys.donors(GLOBAL_SCOPE));
  const problems: string[] = [];
  for (const [currency, expected] of truth.byCurrency) {
    const actual = TOTAL_MEASURES.map(
      (measure) => totals[totalsField(currency, measure)] ?? '0',
    ).join('/');
    const wanted = [
      expected.raisedMinor,
      expected.refundedMinor,
      expected.donationCount,
      expected.refundCount,
    ].join('/');
    if (actual !== wanted) {
      problems.push(
        `totals ${currency}: ${TOTAL_MEASURES.join('/')} ${actual}, expected ${wanted}`,
      );
    }
  }
  const expected = new Set<string>(truth.byCurrency.keys());
  for (const currency of new Set(Object.keys(totals).map((field) => field.split(':')[0]))) {
    if (!expected.has(currency)) problems.push(`totals: unexpected ${currency}`);
  }
  if (Math.abs(estimated - truth.donors) > truth.donors * DONOR_TOLERANCE) {
    problems.push(`unique donors: ${estimated} estimated, ${truth.donors} actual`);
  }
  return { ok: problems.length === 0, problems, donors: { estimated, actual: truth.donors } };
}
