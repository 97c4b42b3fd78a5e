import type { IHeaders } from 'kafkajs';
import { DonationCountedV1, TOPICS } from '@donations/contracts';
import { encodedSizeOf, type TypedMessage } from '@donations/kafka';

type Counted = typeof TOPICS.donationsCounted;

/** A counted_outbox row as the relay reads it: one batch's messages as a JSON array. */
export interface CountedRow {
  readonly id: string;
  readonly source_partition: number;
  readonly messages: string;
  /** The writing batch's trace context (W3C headers as JSON), for the messages' headers. */
  readonly trace_context?: string | null;
}

/**
 * The most one request carries, as the producers' batchers keep it (BatchingProducer's
 * maxBatchBytes): below the broker's 1 MiB message.max.bytes with room for the framing.
 */
export const MAX_SEND_BYTES = 768 * 1024;

/** A record's framing beyond its key and value (message-size.ts's RECORD_OVERHEAD_BYTES). */
const RECORD_OVERHEAD_BYTES = 32;
/** The topic batch's framing, with room for a partition's record batch header each. */
const SEND_OVERHEAD_BYTES = 128 * 13;

/**
 * The rows' messages, in row order and each row's order, cut into sends of at most `maxBytes`
 * (a single message larger than that goes alone). Each message goes to its source partition,
 * keyed by campaignId. A row is measured by its JSON document (the same bytes as its values'
 * JSON, one comma apart); only a row too large for one send is measured message by message.
 * Pure.
 */
export function countedSends(
  rows: readonly CountedRow[],
  maxBytes = MAX_SEND_BYTES,
): TypedMessage<Counted>[][] {
  const sends: TypedMessage<Counted>[][] = [];
  let current: TypedMessage<Counted>[] = [];
  let bytes = SEND_OVERHEAD_BYTES;
  const add = (messages: TypedMessage<Counted>[], size: number): void => {
    if (current.length > 0 && bytes + size > maxBytes) {
      sends.push(current);
      current = [];
      bytes = SEND_OVERHEAD_BYTES;
    }
    current.push(...messages);
    bytes += size;
  };
  for (const row of rows) {
    const messages = toMessages(row);
    const size = Buffer.byteLength(row.messages) + messages.reduce(overhead, 0);
    if (SEND_OVERHEAD_BYTES + size <= maxBytes) {
      add(messages, size);
    } else {
      for (const message of messages) add([message], encodedSizeOf(message));
    }
  }
  if (current.length > 0) sends.push(current);
  return sends;
}

function toMessages(row: CountedRow): TypedMessage<Counted>[] {
  const values = JSON.parse(row.messages) as DonationCountedV1[];
  const headers = row.trace_context ? (JSON.parse(row.trace_context) as IHeaders) : undefined;
  return values.map((value) => ({
    key: value.event.campaignId,
    value,
    partition: value.source.partition,
    headers,
  }));
}

const overhead = (sum: number, message: TypedMessage<Counted>): number =>
  sum + RECORD_OVERHEAD_BYTES + Buffer.byteLength(message.key) + headerBytes(message.headers);

/** A message's headers on the wire (message-size.ts's framing of each: 8 bytes). */
function headerBytes(headers: IHeaders | undefined): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(headers ?? {})) {
    bytes += 8 + Buffer.byteLength(name) + Buffer.byteLength(String(value));
  }
  return bytes;
}
