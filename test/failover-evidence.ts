import { Client } from 'pg';
import type { Kafka } from 'kafkajs';
import { DonationEventV1, TOPICS } from '@donations/contracts';
import { LocalSystem, TopicCollector, waitFor } from '@donations/testing';
import type { RunSummary } from '../services/simulator/src/report/run-summary';

/** A donation as found on donations.normalized.v1: where, and what it says. */
interface Found {
  partition: number;
  offset: string;
  event: DonationEventV1;
}

/** Every event on donations.normalized.v1, all partitions from the beginning, by eventId. */
async function eventsOnTopic(kafka: Kafka, system: LocalSystem): Promise<Map<string, Found>> {
  const collector = await TopicCollector.start<DonationEventV1>(
    kafka,
    TOPICS.donationsNormalized,
    system.prefix,
  );
  try {
    const admin = kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(collector.topic).finally(() => admin.disconnect());
    const total = ends.reduce((sum, { high }) => sum + Number(high), 0);
    await waitFor(() => collector.messages.length >= total, {
      timeoutMs: 60_000,
      description: `${total} events read back from ${collector.topic}`,
    }).catch(() => undefined); // what was read is reported all the same
    return new Map(
      collector.messages.map(({ partition, offset, value }) => [
        value.eventId,
        { partition, offset, event: value },
      ]),
    );
  } finally {
    await collector.stop();
  }
}

async function ledgerEventIds(system: LocalSystem): Promise<Set<string>> {
  const client = new Client({ connectionString: system.schema.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `SELECT event_id::text AS id FROM "${system.schema.schema}".donation_ledger`,
    );
    return new Set(rows.map(({ id }) => id));
  } finally {
    await client.end();
  }
}

/**
 * Where a donation the check missed was lost: for each campaign and currency whose donations on
 * the topic (each eventId once) differ from the simulator's ground truth, the topic lost an
 * acknowledged write (the adapter's producer); events on the topic that the ledger lacks were
 * lost by the aggregator (its consumer's position). Read after the run, for a failing check.
 */
export async function lossEvidence(
  kafka: Kafka,
  system: LocalSystem,
  summary: RunSummary,
): Promise<string[]> {
  const [onTopic, ledger] = await Promise.all([
    eventsOnTopic(kafka, system),
    ledgerEventIds(system),
  ]);
  const donations = new Map<string, { count: number; raised: number }>();
  for (const { event } of onTopic.values()) {
    if (event.type !== 'donation.completed') continue;
    const key = `${event.campaignId} ${event.currency}`;
    const sums = donations.get(key) ?? { count: 0, raised: 0 };
    donations.set(key, { count: sums.count + 1, raised: sums.raised + event.amountMinor });
  }
  const lines = [`${onTopic.size} distinct events on the topic, ${ledger.size} in the ledger`];
  for (const [campaign, byCurrency] of Object.entries(summary.groundTruth.campaigns)) {
    for (const [currency, truth] of Object.entries(byCurrency)) {
      const topic = donations.get(`${campaign} ${currency}`) ?? { count: 0, raised: 0 };
      if (topic.count !== truth.donationCount || topic.raised !== truth.raisedMinor) {
        lines.push(
          `NOT ON THE TOPIC (producer side): ${campaign} ${currency}: ground truth ` +
            `${truth.donationCount} donations ${truth.raisedMinor}, topic ${topic.count} ${topic.raised}`,
        );
      }
    }
  }
  for (const [eventId, { partition, offset, event }] of onTopic) {
    if (ledger.has(eventId)) continue;
    lines.push(
      `ON THE TOPIC, NOT IN THE LEDGER (aggregator side): ${eventId} [${partition}]@${offset} ` +
        `${event.type} ${event.platform} ${event.campaignId} ${event.amountMinor} ${event.currency}`,
    );
  }
  return lines;
}
