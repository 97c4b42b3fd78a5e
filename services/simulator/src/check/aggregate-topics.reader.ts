import { Admin, Consumer, Kafka } from 'kafkajs';
import {
  CampaignTotalsV1,
  CharityRollupV1,
  parseTopicPayload,
  TOPICS,
  topicName,
  TotalsByCurrency,
} from '@donations/contracts';

type Watched = typeof TOPICS.campaignTotals | typeof TOPICS.charityRollups | typeof TOPICS.dlq;

/**
 * Reads the compacted aggregate topics from the beginning, as a new dashboard does, keeping the
 * message with the highest version per key; and donations.dlq, keeping the correlation ids that
 * start with the run's prefix. It follows the topics until stopped.
 */
export class AggregateTopicsReader {
  private readonly campaigns = new Map<string, CampaignTotalsV1>();
  private readonly charities = new Map<string, CharityRollupV1>();
  readonly deadLetters = new Set<string>();
  private readonly consumed = new Map<string, bigint>();
  /** Per `topic:partition`, the end offset when the reader started (empty partitions left out). */
  private readonly ends = new Map<string, bigint>();
  private readonly names: Record<Watched, string>;

  private constructor(
    private readonly admin: Admin,
    private readonly consumer: Consumer,
    private readonly groupId: string,
    prefix: string,
    private readonly correlationPrefix: string,
  ) {
    this.names = {
      [TOPICS.campaignTotals]: topicName(TOPICS.campaignTotals, prefix),
      [TOPICS.charityRollups]: topicName(TOPICS.charityRollups, prefix),
      [TOPICS.dlq]: topicName(TOPICS.dlq, prefix),
    };
  }

  static async start(
    kafka: Kafka,
    prefix: string,
    groupId: string,
    correlationPrefix: string,
  ): Promise<AggregateTopicsReader> {
    const admin = kafka.admin();
    await admin.connect();
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    const reader = new AggregateTopicsReader(admin, consumer, groupId, prefix, correlationPrefix);
    for (const name of Object.values(reader.names)) {
      for (const { partition, high, low } of await admin.fetchTopicOffsets(name)) {
        if (high !== low) reader.ends.set(`${name}:${partition}`, BigInt(high));
      }
    }
    await consumer.connect();
    await consumer.subscribe({ topics: Object.values(reader.names), fromBeginning: true });
    await consumer.run({
      eachMessage: ({ topic, partition, message }) => {
        reader.consumed.set(`${topic}:${partition}`, BigInt(message.offset) + 1n);
        reader.take(topic, message.key?.toString(), message.value?.toString());
        return Promise.resolve();
      },
    });
    return reader;
  }

  campaign(id: string): TotalsByCurrency | undefined {
    return this.campaigns.get(id)?.totals;
  }

  charity(id: string): TotalsByCurrency | undefined {
    return this.charities.get(id)?.totals;
  }

  /** Every campaign's latest totals (the whole system, not only this run). */
  allCampaignTotals(): TotalsByCurrency[] {
    return [...this.campaigns.values()].map((message) => message.totals);
  }

  /** Whether everything that was on the topics when the reader started has been read. */
  caughtUp(): boolean {
    for (const [partition, end] of this.ends) {
      if ((this.consumed.get(partition) ?? 0n) < end) return false;
    }
    return true;
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.admin.deleteGroups([this.groupId]).catch(() => undefined);
    await this.admin.disconnect();
  }

  private take(topic: string, key: string | undefined, text: string | undefined): void {
    if (text === undefined) return;
    const value = safeJson(text);
    if (topic === this.names[TOPICS.dlq]) {
      const letter = parseTopicPayload(TOPICS.dlq, value);
      const id = letter.ok ? letter.value.correlationId : undefined;
      if (id?.startsWith(this.correlationPrefix)) this.deadLetters.add(id);
      return;
    }
    const base =
      topic === this.names[TOPICS.campaignTotals] ? TOPICS.campaignTotals : TOPICS.charityRollups;
    const parsed = parseTopicPayload(base, value);
    if (key === undefined || !parsed.ok) return;
    const latest: Map<string, CampaignTotalsV1 | CharityRollupV1> =
      base === TOPICS.campaignTotals ? this.campaigns : this.charities;
    if (parsed.value.version > (latest.get(key)?.version ?? 0)) latest.set(key, parsed.value);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
