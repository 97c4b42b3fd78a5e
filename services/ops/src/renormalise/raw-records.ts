import type { Kafka } from 'kafkajs';
import { RawWebhook, RawWebhookSchema } from '@donations/contracts';
import { readTopic } from '../dlq/topic-reader';
import type { ProgressFactory } from '../progress';
import { inRange, RawSelection } from './renormalise-options';

/** A donations.raw record and its place on the topic (`<partition>:<offset>`). */
export interface RawEntry {
  id: string;
  record: RawWebhook;
}

export interface RawRecords {
  entries: RawEntry[];
  /** Messages on donations.raw that are not raw records of this contract (counted, not dropped). */
  unreadable: string[];
}

/**
 * The selected platform's records of donations.raw, in the order they were received (a refund
 * after its donation, whichever partitions they are on).
 */
export async function loadRawRecords(
  kafka: Kafka,
  topic: string,
  selection: RawSelection,
  progress: ProgressFactory,
): Promise<RawRecords> {
  let bar: ReturnType<ProgressFactory> | undefined;
  const messages = await readTopic(kafka, topic, (total) => {
    bar = progress(`reading ${topic}`, total);
    return { total, read: (count) => bar?.advance(count) };
  });
  bar?.stop();
  const entries: RawEntry[] = [];
  const unreadable: string[] = [];
  for (const { partition, offset, value } of messages) {
    const id = `${partition}:${offset}`;
    const parsed = RawWebhookSchema.safeParse(parseJson(value));
    if (!parsed.success) unreadable.push(id);
    else if (
      parsed.data.platform === selection.platform &&
      inRange(selection, parsed.data.receivedAt)
    )
      entries.push({ id, record: parsed.data });
  }
  const at = (entry: RawEntry) => Date.parse(entry.record.receivedAt);
  return { entries: entries.sort((a, b) => at(a) - at(b)), unreadable };
}

function parseJson(value: Buffer | null): unknown {
  try {
    return JSON.parse(value?.toString('utf8') ?? '') as unknown;
  } catch {
    return undefined;
  }
}
