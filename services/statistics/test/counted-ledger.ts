import {
  DonationCountedV1,
  DonationEventV1,
  DonationRefundedV1,
  TOPIC_SPECS,
  TOPICS,
} from '@donations/contracts';

const PARTITIONS = TOPIC_SPECS[TOPICS.donationsCounted].partitions;

/** A campaign's partition (FNV-1a of its id): every event of a campaign on one partition. */
export function partitionOf(campaignId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < campaignId.length; i += 1) {
    hash = Math.imul(hash ^ campaignId.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash % PARTITIONS;
}

/**
 * The aggregator's ledger as the statistics see it, for tests: each event read from
 * donations.normalized.v1 takes the next offset of its partition; an event new to the ledger
 * gets one counted message with that source, a duplicate none (its offset is a gap in the
 * counted stream). Every refund counts (the tests send none beyond its donation unless they
 * build the message themselves).
 */
export class CountedLedger {
  private readonly next = new Array<number>(PARTITIONS).fill(0);
  private readonly seen = new Set<string>();

  decide(events: readonly DonationEventV1[]): DonationCountedV1[] {
    return events.flatMap((event) => {
      const source = this.read(event.campaignId);
      if (this.seen.has(event.eventId)) return [];
      this.seen.add(event.eventId);
      return [counted(source, event)];
    });
  }

  /** A message for an event the ledger decides otherwise: not counted, or taking refunds back. */
  decideAs(
    event: DonationEventV1,
    decision: Pick<DonationCountedV1, 'decision' | 'reason'>,
    takenBack: DonationRefundedV1[] = [],
  ): DonationCountedV1 {
    this.seen.add(event.eventId);
    return { ...counted(this.read(event.campaignId), event, takenBack), ...decision };
  }

  private read(campaignId: string): DonationCountedV1['source'] {
    const partition = partitionOf(campaignId);
    const offset = this.next[partition];
    this.next[partition] = offset + 1;
    return { partition, offset: String(offset) };
  }
}

const counted = (
  source: DonationCountedV1['source'],
  event: DonationEventV1,
  takenBack: DonationRefundedV1[] = [],
): DonationCountedV1 => ({ schemaVersion: 1, source, decision: 'counted', event, takenBack });
