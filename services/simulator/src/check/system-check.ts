import { sleep } from '../delivery/interruptible-sleep';
import type { CampaignCatalog } from '../catalog/campaign-catalog';
import type { TotalsByCurrency as TopicTotals } from '@donations/contracts';
import type { GroundTruth, TotalsByCurrency as TruthTotals } from '../truth/ground-truth';
import type { AggregateTopicsReader } from './aggregate-topics.reader';
import type { AggregatorClient } from './aggregator-client';
import type { StatisticsClient } from './statistics-client';
import { differences, flatTopic, flatTruth, withoutPlatforms } from './totals-comparison';

export interface CheckResult {
  passed: boolean;
  /** One line per difference (empty on PASS). */
  differences: string[];
  waitedMs: number;
}

/** Malformed requests missing from the DLQ are listed up to this many, then counted. */
const MISSING_LISTED = 10;

/** A campaign or charity of the run, with its truth and its latest aggregate message. */
interface ComparedKey {
  kind: 'campaigns' | 'charities';
  id: string;
  expected: TruthTotals | undefined;
  topic: TopicTotals | undefined;
}

/**
 * Compares the system with the simulator's ground truth, for every campaign and charity of the
 * run: the aggregator's GET /campaigns/:id and /charities/:id, and the latest message per key on
 * the aggregate topics; the statistics' overview of the campaign or charity (GET /stats/overview)
 * with the aggregator's figures per currency, when a statistics client is given; and checks that
 * every malformed request that got its 4xx is on donations.dlq. Repeats until all agree or the
 * time is up (the pipeline is asynchronous).
 */
export class SystemCheck {
  constructor(
    private readonly aggregator: AggregatorClient,
    private readonly topics: AggregateTopicsReader,
    private readonly catalog: CampaignCatalog,
    private readonly statistics?: StatisticsClient,
  ) {}

  async untilMatch(
    truth: GroundTruth,
    deadLettered: readonly string[],
    timeoutMs: number,
    onPending: (differences: readonly string[]) => void,
    signal: AbortSignal,
  ): Promise<CheckResult> {
    const started = Date.now();
    for (;;) {
      const found = await this.compare(truth, deadLettered).catch((error: unknown) => [
        `check failed: ${error instanceof Error ? error.message : String(error)}`,
      ]);
      const waitedMs = Date.now() - started;
      if (found.length === 0) return { passed: true, differences: [], waitedMs };
      if (waitedMs > timeoutMs || !(await sleep(1_000, signal))) {
        return { passed: false, differences: found, waitedMs };
      }
      onPending(found);
    }
  }

  /** One comparison of everything; the differences found. */
  async compare(truth: GroundTruth, deadLettered: readonly string[]): Promise<string[]> {
    const keys: ComparedKey[] = [
      ...this.catalog.campaigns.map(({ campaignId: id }) => ({
        kind: 'campaigns' as const,
        id,
        expected: truth.campaigns().get(id),
        topic: this.topics.campaign(id),
      })),
      ...this.catalog.charityIds.map((id) => ({
        kind: 'charities' as const,
        id,
        expected: truth.charities().get(id),
        topic: this.topics.charity(id),
      })),
    ];
    const totals = await Promise.all(keys.map((key) => this.compareKey(key)));
    return [...totals.flat(), ...this.missingDeadLetters(deadLettered)];
  }

  private async compareKey({ kind, id, expected, topic }: ComparedKey): Promise<string[]> {
    const label = `${kind === 'campaigns' ? 'campaign' : 'charity'} ${id}`;
    const truth = flatTruth(expected);
    const http = await this.aggregator.totals(kind, id);
    const statistics = this.statistics
      ? differences(
          `${label} (statistics vs aggregator)`,
          withoutPlatforms(http),
          await this.statistics.totals(kind, id),
        )
      : [];
    return [
      ...differences(`${label} (http)`, truth, http),
      ...differences(`${label} (topic)`, truth, flatTopic(topic)),
      ...statistics,
    ];
  }

  private missingDeadLetters(deadLettered: readonly string[]): string[] {
    const missing = deadLettered.filter((id) => !this.topics.deadLetters.has(id));
    if (missing.length === 0) return [];
    const listed = missing.slice(0, MISSING_LISTED).join(', ');
    const more =
      missing.length > MISSING_LISTED ? ` and ${missing.length - MISSING_LISTED} more` : '';
    return [`donations.dlq: ${missing.length} rejected request(s) missing: ${listed}${more}`];
  }
}
