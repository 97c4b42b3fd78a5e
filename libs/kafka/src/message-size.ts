import type { IHeaders } from 'kafkajs';
import { CORRELATION_ID_HEADER } from './typed-producer';
import type { AnyTopicBatch } from './typed-producer';

/** A record's framing in a v2 record batch (lengths, deltas, attributes), rounded up. */
const RECORD_OVERHEAD_BYTES = 32;
/** A topic and partition's framing in a produce request plus its record batch header. */
const BATCH_OVERHEAD_BYTES = 128;

/** The bytes one message takes on the wire: key, JSON value, headers and framing. */
export function encodedSizeOf(message: {
  key: string;
  value: unknown;
  headers?: IHeaders;
  correlationId?: string;
}): number {
  let bytes = RECORD_OVERHEAD_BYTES + Buffer.byteLength(message.key);
  bytes += Buffer.byteLength(JSON.stringify(message.value));
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    bytes += headerBytes(name, value);
  }
  if (message.correlationId) bytes += headerBytes(CORRELATION_ID_HEADER, message.correlationId);
  return bytes;
}

/** A topic batch's framing (its messages are measured one by one). */
export const topicBatchOverhead = (batch: AnyTopicBatch): number =>
  BATCH_OVERHEAD_BYTES + Buffer.byteLength(batch.topic);

function headerBytes(name: string, value: IHeaders[string]): number {
  const values = Array.isArray(value) ? value : [value];
  let bytes = 0;
  for (const one of values) {
    if (one === undefined) continue;
    bytes +=
      8 + Buffer.byteLength(name) + (Buffer.isBuffer(one) ? one.length : Buffer.byteLength(one));
  }
  return bytes;
}
