import type { DataSource, EntityManager } from 'typeorm';
import { DonationEventV1, DonationRefundedV1, TOPICS } from '@donations/contracts';
import type { ConsumedBatch, DeadLetterInput, ParsedMessage } from '@donations/kafka';
import { foldBatch } from './batch.fold';
import { decideBatchRefunds } from './batch-refunds';
import { lockOffset, storeOffset } from './consumer-offsets.sql';
import { insertLedgerEntries, LedgerOrigin, loadTransactions, markNotCounted } from './ledger.sql';
import { REFUND_EXCEEDS_DONATION } from './refund.fold';
import { writeAggregateOutbox } from '../outbox/aggregate-outbox.sql';
import { upsertTotals } from './totals-upsert.sql';
import type { CampaignKey, CharityKey } from './totals.types';

type Normalized = typeof TOPICS.donationsNormalized;

export interface BatchToApply {
  readonly batch: ConsumedBatch<Normalized>;
  /** The batch's valid messages, in offset order. */
  readonly events: readonly ParsedMessage<Normalized>[];
}

export interface AppliedBatch {
  /** Events counted now or dead-lettered now (first seen in the ledger). */
  readonly newEvents: number;
  readonly duplicates: number;
  readonly campaigns: readonly CampaignKey[];
  readonly charities: readonly CharityKey[];
  /** Refunds dead-lettered by the refund rule (not counted, or taken back). */
  readonly deadLetters: readonly DeadLetterInput[];
}

/** Awaited inside the transaction, before the commit stores the offset. */
export type BeforeCommit = (deadLetters: readonly DeadLetterInput[]) => Promise<void>;

/** Called after a batch that wrote aggregate outbox rows has committed. */
export type OnCommitted = () => void;

/** The aggregator's PostgreSQL state: ledger, totals and offsets, one transaction per batch. */
export class TotalsRepository {
  private readonly committedListeners: OnCommitted[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly groupId: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Registers a listener told after each commit that wrote aggregate messages (the relay). */
  onCommitted(listener: OnCommitted): void {
    this.committedListeners.push(listener);
  }

  /**
   * Applies one batch exactly once: ledger rows (dedupe by eventId), the refund rule, one upsert
   * per touched (key, currency), and the partition's next offset (fenced), all or nothing.
   */
  async applyBatch(input: BatchToApply, beforeCommit?: BeforeCommit): Promise<AppliedBatch> {
    const applied = await this.dataSource.transaction('READ COMMITTED', async (manager) => {
      await lockOffset(manager, this.groupId, input.batch);
      const inTransaction = await this.applyEvents(manager, input);
      await beforeCommit?.(inTransaction.deadLetters);
      await storeOffset(manager, this.groupId, input.batch);
      return inTransaction;
    });
    if (applied.campaigns.length > 0 || applied.charities.length > 0) {
      this.committedListeners.forEach((listener) => listener());
    }
    return applied;
  }

  private async applyEvents(manager: EntityManager, input: BatchToApply): Promise<AppliedBatch> {
    const { batch } = input;
    const firsts = firstOccurrences(input.events);
    const inserted = await insertLedgerEntries(
      manager,
      firsts.map(({ message, value }) => ({
        event: value,
        topic: batch.topic,
        partition: batch.partition,
        offset: message.offset,
      })),
    );
    const fresh = firsts.filter(({ value }) => inserted.has(value.eventId));
    const newEvents = fresh.map(({ value }) => value);
    const ledger = await loadTransactions(manager, newEvents, inserted);
    const decisions = decideBatchRefunds(newEvents, ledger.transactions);
    const dropped = [...decisions.rejected, ...decisions.reversed];
    await markNotCounted(manager, ids(dropped), REFUND_EXCEEDS_DONATION);
    const { deltas } = foldBatch(decisions.counted, new Set(), decisions.reversed);
    await upsertTotals(manager, deltas);
    await writeAggregateOutbox(
      manager,
      {
        campaignIds: [...deltas.campaigns.values()].map((delta) => delta.campaignId),
        charityIds: [...deltas.charities.values()].map((delta) => delta.charityId),
      },
      this.clock(),
    );
    return {
      newEvents: newEvents.length,
      duplicates: input.events.length - newEvents.length,
      campaigns: [...deltas.campaigns.keys()],
      charities: [...deltas.charities.keys()],
      deadLetters: [
        ...decisions.rejected.map((refund) => rejectedLetter(batch, fresh, refund)),
        ...decisions.reversed.map((refund) => reversedLetter(batch, ledger.origins, refund)),
      ],
    };
  }
}

function firstOccurrences(
  events: readonly ParsedMessage<Normalized>[],
): ParsedMessage<Normalized>[] {
  const seen = new Set<string>();
  return events.filter(({ value }) => !seen.has(value.eventId) && seen.add(value.eventId));
}

const ids = (events: readonly DonationEventV1[]): string[] => events.map((e) => e.eventId);

const EXCEEDS_MESSAGE = 'the refunds of the transaction would exceed its donation';

/** A refund of this batch that is dead-lettered: its original bytes, as consumed. */
function rejectedLetter(
  batch: ConsumedBatch,
  fresh: readonly ParsedMessage<Normalized>[],
  refund: DonationRefundedV1,
): DeadLetterInput {
  const message = fresh.find(({ value }) => value.eventId === refund.eventId)?.message;
  return {
    reason: REFUND_EXCEEDS_DONATION,
    message: EXCEEDS_MESSAGE,
    originalBytes: message?.value ?? Buffer.from(JSON.stringify(refund)),
    originalKey: message?.key ?? refund.campaignId,
    originalTopic: batch.topic,
    originalPartition: batch.partition,
    originalOffset: message?.offset,
    headers: message?.headers,
    correlationId: refund.correlationId,
  };
}

/** A refund counted by an earlier batch and taken back now: the event as the ledger kept it. */
function reversedLetter(
  batch: ConsumedBatch,
  origins: ReadonlyMap<string, LedgerOrigin>,
  refund: DonationRefundedV1,
): DeadLetterInput {
  const origin = origins.get(refund.eventId);
  return {
    reason: REFUND_EXCEEDS_DONATION,
    message: `${EXCEEDS_MESSAGE}; taken back from the totals`,
    originalBytes: Buffer.from(JSON.stringify(refund)),
    originalKey: refund.campaignId,
    originalTopic: batch.topic,
    originalPartition: origin?.partition,
    originalOffset: origin?.offset,
    correlationId: refund.correlationId,
  };
}
