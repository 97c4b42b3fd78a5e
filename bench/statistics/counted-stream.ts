import { DonationCountedV1, DonationEventV1, TOPIC_SPECS, TOPICS } from '@donations/contracts';
import type { DonationMessage, DonationStream } from '../common/donation-stream';

const PARTITIONS = TOPIC_SPECS[TOPICS.donationsCounted].partitions;

/** A counted message for the producer, on its source partition. */
export interface CountedMessage extends DonationMessage {
  partition: number;
}

/** FNV-1a of the campaign id: all events of a campaign on one partition. */
function partitionOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash % PARTITIONS;
}

/**
 * donations.counted.v1 as the aggregator would publish it for a DonationStream: each
 * normalized message takes the next source offset of its partition, a duplicate (an eventId
 * already seen) has no counted message, every other event is `counted` (the stream's refunds
 * never exceed their donation, so nothing is taken back). Yields exactly `messages` counted
 * messages, pulling from the normalized stream as many as that takes: its truth is the
 * counted messages' truth.
 */
export class CountedStream {
  private readonly nextOffset = new Array<number>(PARTITIONS).fill(0);
  private readonly seen = new Set<string>();
  private produced = 0;

  constructor(
    private readonly normalized: DonationStream,
    private readonly messages: number,
  ) {}

  /** The next `count` counted messages (fewer at the end). */
  next(count: number): CountedMessage[] {
    const chunk: CountedMessage[] = [];
    while (chunk.length < count && this.produced < this.messages) {
      const wanted = Math.min(count - chunk.length, this.messages - this.produced);
      const pulled = this.normalized.next(wanted);
      if (pulled.length === 0) break;
      for (const message of pulled) {
        const counted = this.counted(message);
        if (counted === undefined) continue;
        chunk.push(counted);
        this.produced += 1;
      }
    }
    return chunk;
  }

  private counted(message: DonationMessage): CountedMessage | undefined {
    const partition = partitionOf(message.key);
    const offset = this.nextOffset[partition];
    this.nextOffset[partition] = offset + 1;
    const event = JSON.parse(message.value) as DonationEventV1;
    if (this.seen.has(event.eventId)) return undefined;
    this.seen.add(event.eventId);
    const value: DonationCountedV1 = {
      schemaVersion: 1,
      source: { partition, offset: String(offset) },
      decision: 'counted',
      event,
      takenBack: [],
    };
    return { ...message, partition, value: JSON.stringify(value) };
  }
}
