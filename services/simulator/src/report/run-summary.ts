import { rename, writeFile } from 'node:fs/promises';
import type { Platform, TotalsByCurrency as TopicTotals } from '@donations/contracts';
import type { CheckResult } from '../check/system-check';
import type { PlatformCounts, TrafficStats } from '../run/traffic-stats';
import type { CurrencyTruth, GroundTruth, TotalsByCurrency } from '../truth/ground-truth';
import type { Samples } from '../truth/truth-samples';

/** How many counted and refunded donations the summary names (SAMPLES each, at most). */
export const SAMPLES = 5;

/** The grand totals of one currency, as the dashboard shows them. */
export interface GrandTotal {
  raisedMinor: number;
  refundedMinor: number;
  netMinor: number;
  donationCount: number;
  refundCount: number;
}

export type RunState = 'running' | 'finished' | 'interrupted';

/**
 * The JSON of --summary-file: the run's ground truth (grand totals per currency and the donation
 * count, per campaign and charity too), the system's grand totals before the run as the aggregate
 * topics had them, so `expected` is what a dashboard over the whole system should end with when
 * nothing else sends, and the check's result.
 */
export interface RunSummary {
  run: string;
  seed: number;
  state: RunState;
  startedAt: string;
  finishedAt: string | null;
  simulated: { day: string; from: string; to: string };
  requests: { byPlatform: Record<Platform, PlatformCounts>; total: PlatformCounts };
  donationsStarted: number;
  /** Donations the profile made due but not sent: the system (or this machine) was behind. */
  donationsNotStarted: number;
  malformedSent: number;
  /** Malformed requests answered 4xx: each is expected on donations.dlq. */
  malformedRejected: number;
  inDoubt: number;
  anomalies: { count: number; examples: TrafficStats['anomalies'] };
  groundTruth: {
    donationCount: number;
    grandTotals: Record<string, GrandTotal>;
    campaigns: Record<string, Record<string, CurrencyTruth>>;
    charities: Record<string, Record<string, CurrencyTruth>>;
    /**
     * A few donations the adapters accepted, each as the system must show it (platform, txn,
     * campaign, charity, amount, refunded): counted ones and refunded ones, spread over the
     * platforms, none with a delivery in doubt; no donor field.
     */
    samples: Samples;
  };
  system: { baseline: Record<string, GrandTotal>; expected: Record<string, GrandTotal> } | null;
  check: { result: 'PASS' | 'FAIL' | 'SKIPPED'; differences: string[]; waitedMs: number | null };
}

export function grandTotalsOf(totals: TotalsByCurrency): Record<string, GrandTotal> {
  return Object.fromEntries(
    [...totals].map(([currency, sums]) => [
      currency,
      {
        raisedMinor: sums.raisedMinor,
        refundedMinor: sums.refundedMinor,
        netMinor: sums.raisedMinor - sums.refundedMinor,
        donationCount: sums.donationCount,
        refundCount: sums.refundCount,
      },
    ]),
  );
}

/** The sum of many keys' totals per currency (a dashboard's grand total). */
export function sumTopicTotals(all: readonly TopicTotals[]): Record<string, GrandTotal> {
  const sums: Record<string, GrandTotal> = {};
  for (const totals of all) {
    for (const [currency, t] of Object.entries(totals)) {
      if (!t) continue;
      const sum = (sums[currency] ??= zeroTotal());
      sum.raisedMinor += t.raisedMinor;
      sum.refundedMinor += t.refundedMinor;
      sum.netMinor += t.netMinor;
      sum.donationCount += t.donationCount;
      sum.refundCount += t.refundCount;
    }
  }
  return sums;
}

/** `a + b` per currency. */
export function addGrandTotals(
  a: Record<string, GrandTotal>,
  b: Record<string, GrandTotal>,
): Record<string, GrandTotal> {
  const sums: Record<string, GrandTotal> = {};
  for (const side of [a, b]) {
    for (const [currency, t] of Object.entries(side)) {
      const sum = (sums[currency] ??= zeroTotal());
      for (const field of Object.keys(sum) as (keyof GrandTotal)[]) sum[field] += t[field];
    }
  }
  return sums;
}

export function truthSection(truth: GroundTruth): RunSummary['groundTruth'] {
  const plain = (map: ReadonlyMap<string, TotalsByCurrency>) =>
    Object.fromEntries([...map].map(([key, totals]) => [key, Object.fromEntries(totals)]));
  return {
    donationCount: truth.donationCount,
    grandTotals: grandTotalsOf(truth.grandTotals()),
    campaigns: plain(truth.campaigns()),
    charities: plain(truth.charities()),
    samples: truth.samples(SAMPLES),
  };
}

export function checkSection(result: CheckResult | undefined): RunSummary['check'] {
  if (!result) return { result: 'SKIPPED', differences: [], waitedMs: null };
  return {
    result: result.passed ? 'PASS' : 'FAIL',
    differences: result.differences,
    waitedMs: result.waitedMs,
  };
}

/** Written whole (temporary file, then rename): a reader never sees half a summary. */
export async function writeSummaryFile(path: string, summary: RunSummary): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(summary, null, 2)}\n`);
  await rename(temporary, path);
}

function zeroTotal(): GrandTotal {
  return { raisedMinor: 0, refundedMinor: 0, netMinor: 0, donationCount: 0, refundCount: 0 };
}
