import type { Kafka } from 'kafkajs';
import { DeadLetterSchema } from '@donations/contracts';
import type { ProgressFactory } from '../progress';
import { DlqEntry, letterId, platformOf } from './dlq-entry';
import type { DlqRedrivesRepository } from './dlq-redrives.repository';
import { readTopic } from './topic-reader';

export interface DlqLetters {
  entries: DlqEntry[];
  /** Messages on the DLQ that are not dead letters of this contract (never dropped: counted). */
  unreadable: string[];
}

/** Every letter on the DLQ topic, with the last re-drive of each. */
export async function loadLetters(
  kafka: Kafka,
  topic: string,
  redrives: DlqRedrivesRepository,
  progress: ProgressFactory,
): Promise<DlqLetters> {
  let bar: ReturnType<ProgressFactory> | undefined;
  const messages = await readTopic(kafka, topic, (total) => {
    bar = progress(`reading ${topic}`, total);
    return { total, read: (count) => bar?.advance(count) };
  });
  bar?.stop();
  const records = await redrives.recordsOf(topic);
  const entries: DlqEntry[] = [];
  const unreadable: string[] = [];
  for (const { partition, offset, value } of messages) {
    const id = letterId(partition, offset);
    const letter = DeadLetterSchema.safeParse(parseJson(value));
    if (!letter.success) {
      unreadable.push(id);
      continue;
    }
    const platform = platformOf(letter.data);
    const redrive = records.get(id) ?? null;
    entries.push({ id, topic, partition, offset, platform, letter: letter.data, redrive });
  }
  return { entries, unreadable };
}

function parseJson(value: Buffer | null): unknown {
  try {
    return JSON.parse(value?.toString('utf8') ?? '') as unknown;
  } catch {
    return undefined;
  }
}
