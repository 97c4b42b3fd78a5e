import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { TopicName } from '@donations/contracts';
import type { ConsumedBatch, ConsumedMessage } from './batch-consumer.types';

export interface BatchOrigin<T extends TopicName> {
  topic: T;
  kafkaTopic: string;
  partition: number;
}

/**
 * Shapes the messages kafkajs fetched for one partition into the handler's batch. Messages below
 * `fromOffset` (the next offset the store says is still to apply) are already applied and left
 * out; returns undefined when nothing is left to apply.
 */
export function shapeBatch<T extends TopicName>(
  origin: BatchOrigin<T>,
  fetched: readonly KafkaMessage[],
  fromOffset?: string,
): ConsumedBatch<T> | undefined {
  const from = fromOffset === undefined ? undefined : BigInt(fromOffset);
  const messages = fetched
    .filter((message) => from === undefined || BigInt(message.offset) >= from)
    .sort((a, b) => compareOffsets(a.offset, b.offset))
    .map(toConsumedMessage);
  if (messages.length === 0) return undefined;
  const lastOffset = messages[messages.length - 1].offset;
  return {
    ...origin,
    messages,
    firstOffset: messages[0].offset,
    lastOffset,
    nextOffset: (BigInt(lastOffset) + 1n).toString(),
  };
}

/** The highest offset among `fetched`, or undefined for none. */
export function highestOffset(fetched: readonly KafkaMessage[]): string | undefined {
  return fetched.reduce<string | undefined>(
    (highest, { offset }) =>
      highest === undefined || compareOffsets(offset, highest) > 0 ? offset : highest,
    undefined,
  );
}

function compareOffsets(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  return difference === 0n ? 0 : difference > 0n ? 1 : -1;
}

function toConsumedMessage(message: KafkaMessage): ConsumedMessage {
  return {
    key: message.key?.toString('utf8') ?? null,
    value: message.value,
    offset: message.offset,
    headers: decodeHeaders(message.headers),
    timestamp: message.timestamp,
  };
}

/** Header values as strings; of a repeated header the last value wins. */
export function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value !== undefined) decoded[name] = value.toString();
  }
  return decoded;
}
