import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { DonationCountedV1, DonationEventV1, TOPICS } from '@donations/contracts';
import type { ConsumedBatch, DeadLetterInput, ParsedMessage } from '@donations/kafka';
import type { GenerationScope } from '../generations/generation-scope';
import { foldBatch } from './batch.fold';
import { BatchRefundDecisions, decideBatchRefunds } from './batch-refunds';
import { lockOffset, storeOffset } from './consumer-offsets.sql';
import { lockCurrentTotals, withSavepoint } from './current-totals.sql';
import { insertLedgerEntries, loadTransactions, markNotCounted } from './ledger.sql';
import { splitOverflowing, TOTAL_OVERFLOW } from './overflow.fold';
import { REFUND_EXCEEDS_DONATION } from './refund.fold';
import { applyWithoutRefused, isRefusedValue, Refused, VALUE_REFUSED } from './refused-values';
import {
  EXCEEDS,
  freshLetter,
  OVERFLOWS,
  refusedLetter,
  reversedLetter,
} from './totals.dead-letters';
import { writeAggregateOutbox } from '../outbox/aggregate-outbox.sql';
import { countedMessages, mergeBySource, refusedMessages } from '../outbox/counted-messages.fold';
import { CountedWriter, writeCountedOutbox } from '../outbox/counted-outbox.sql';
import { upsertTotals } from './totals-upsert.sql';
import { isTotalsOverflow } from './totals.errors';
import type { BatchDeltas, CampaignKey, CharityKey } from './totals.types';

type Normalized = typeof TOPICS.donationsNormalized;
type Parsed = ParsedMessage<Normalized>;

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
  /**
   * Events dead-lettered now: refunds by the refund rule (not counted, or taken back), events
   * that would take a total out of range (AGGREGATE.OVERFLOW), events whose values PostgreSQL
   * refuses (AGGREGATE.VALUE_REFUSED).
   */
  readonly deadLetters: readonly DeadLetterInput[];
  /** The donations.counted.v1 messages of the new events, in offset order (none if not written). */
  readonly counted: readonly DonationCountedV1[];
}

/** Awaited inside the transaction, before the commit stores the offset. */
export type BeforeCommit = (deadLetters: readonly DeadLetterInput[]) => Promise<void>;

/** Called after a batch that wrote aggregate outbox rows has committed. */
export type OnCommitted = () => void;

/** The aggregator's PostgreSQL state: ledger, totals and offsets, one transaction per batch. */
export class TotalsRepository {
  private readonly logger = new Logger(TotalsRepository.name);
  private readonly committedListeners: OnCommitted[] = [];

  private readonly clock: () => Date;
  private readonly writeCounted: CountedWriter | undefined;

  /**
   * `generation`: the schema each batch transaction works on (the active generation, or the one
   * a rebuild builds). `writeOutbox: false` for a rebuild: its states reach the aggregate topics
   * only when the generation is switched in. `writeCounted`: where the donations.counted.v1
   * messages go; by default the counted outbox unless `writeOutbox: false` (then nowhere).
   */
  constructor(
    private readonly dataSource: DataSource,
    private readonly groupId: string,
    private readonly generation: GenerationScope,
    private readonly options: {
      writeOutbox?: boolean;
      writeCounted?: CountedWriter;
      clock?: () => Date;
    } = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.writeCounted =
      options.writeCounted ?? (options.writeOutbox === false ? undefined : writeCountedOutbox);
  }

  /** Registers a listener told after each commit that wrote aggregate messages (the relay). */
  onCommitted(listener: OnCommitted): void {
    this.committedListeners.push(listener);
  }

  /**
   * Applies one batch exactly once: ledger rows (dedupe by eventId), the refund rule, one upsert
   * per touched (key, currency), and the partition's next offset (fenced), all or nothing. When
   * PostgreSQL refuses a value of the batch (isRefusedValue), the batch is applied again in a new
   * transaction without the events it refuses, which are dead-lettered: a partition never stalls
   * on a value it cannot store. Any other failure is thrown, for the batch to be retried.
   */
  async applyBatch(input: BatchToApply, beforeCommit?: BeforeCommit): Promise<AppliedBatch> {
    let applied: AppliedBatch;
    try {
      applied = await this.inTransaction(input, beforeCommit, (manager) =>
        this.applyEvents(manager, input),
      );
    } catch (error) {
      if (!isRefusedValue(error)) throw error;
      applied = await this.inTransaction(input, beforeCommit, (manager) =>
        this.applyWithoutRefused(manager, input),
      );
    }
    if (
      applied.campaigns.length > 0 ||
      applied.charities.length > 0 ||
      applied.counted.length > 0
    ) {
      this.committedListeners.forEach((listener) => listener());
    }
    return applied;
  }

  private inTransaction(
    input: BatchToApply,
    beforeCommit: BeforeCommit | undefined,
    applyEvents: (manager: EntityManager) => Promise<AppliedBatch>,
  ): Promise<AppliedBatch> {
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      await this.generation.enter(manager);
      await lockOffset(manager, this.groupId, input.batch);
      const inTransaction = await applyEvents(manager);
      if (inTransaction.counted.length > 0) {
        await this.writeCounted?.(manager, input.batch.partition, inTransaction.counted);
      }
      await beforeCommit?.(inTransaction.deadLetters);
      await storeOffset(manager, this.groupId, input.batch);
      return inTransaction;
    });
  }

  /** The batch without the events PostgreSQL refuses, and their dead letters. */
  private async applyWithoutRefused(
    manager: EntityManager,
    input: BatchToApply,
  ): Promise<AppliedBatch> {
    const { batch } = input;
    const { applied, refused } = await applyWithoutRefused(manager, input.events, (events) =>
      this.applyEvents(manager, { batch, events }),
    );
    refused.forEach((event) => this.logRefused(batch, event));
    return {
      ...applied,
      newEvents: applied.newEvents + refused.length,
      deadLetters: [...refused.map((event) => refusedLetter(batch, event)), ...applied.deadLetters],
      counted: this.writeCounted
        ? mergeBySource(
            applied.counted,
            refusedMessages(
              batch.partition,
              refused.map(({ event }) => event),
              VALUE_REFUSED,
            ),
          )
        : [],
    };
  }

  private logRefused(batch: ConsumedBatch, { event, sqlState }: Refused<Parsed>): void {
    this.logger.warn({
      msg: 'PostgreSQL refused a value of the event; dead-lettered',
      reason: VALUE_REFUSED,
      sqlState,
      partition: batch.partition,
      offset: event.message.offset,
      eventId: event.value.eventId,
    });
  }

  private async applyEvents(manager: EntityManager, input: BatchToApply): Promise<AppliedBatch> {
    const { batch } = input;
    const fresh = await insertFresh(manager, input);
    const newEvents = fresh.map(({ value }) => value);
    const ledger = await loadTransactions(manager, newEvents, new Set(ids(newEvents)));
    const decisions = decideBatchRefunds(newEvents, ledger.transactions);
    const dropped = [...decisions.rejected, ...decisions.reversed];
    await markNotCounted(manager, ids(dropped), REFUND_EXCEEDS_DONATION);
    const { deltas, overflowing } = await this.countTotals(manager, decisions);
    return {
      newEvents: newEvents.length,
      duplicates: input.events.length - newEvents.length,
      campaigns: [...deltas.campaigns.keys()],
      charities: [...deltas.charities.keys()],
      deadLetters: [
        ...decisions.rejected.map((refund) => freshLetter(batch, fresh, refund, EXCEEDS)),
        ...decisions.reversed.map((refund) => reversedLetter(batch, ledger.origins, refund)),
        ...overflowing.map((event) => freshLetter(batch, fresh, event, OVERFLOWS)),
      ],
      counted: this.writeCounted
        ? countedMessages({
            partition: batch.partition,
            fresh,
            notCounted: [
              { events: decisions.rejected, reason: REFUND_EXCEEDS_DONATION },
              { events: overflowing, reason: TOTAL_OVERFLOW },
            ],
            takenBack: decisions.reversed,
          })
        : [],
    };
  }

  /**
   * The counted events into the totals and the outbox, inside a savepoint. Only if a total went
   * out of range is the batch counted again without the events that overflow (see
   * splitOverflowing), which are marked in the ledger and returned to be dead-lettered.
   */
  private async countTotals(
    manager: EntityManager,
    decisions: BatchRefundDecisions,
  ): Promise<CountedTotals> {
    const { deltas } = foldBatch(decisions.counted, new Set(), decisions.reversed);
    try {
      await withSavepoint(manager, 'count_totals', () => this.writeTotals(manager, deltas));
      return { deltas, overflowing: [] };
    } catch (error) {
      if (!isTotalsOverflow(error)) throw error;
    }
    const split = splitOverflowing(
      await lockCurrentTotals(manager, deltas),
      decisions.counted,
      decisions.reversed,
    );
    await markNotCounted(manager, ids(split.overflowing), TOTAL_OVERFLOW);
    const counted = foldBatch(split.counted, new Set(), decisions.reversed).deltas;
    await this.writeTotals(manager, counted);
    return { deltas: counted, overflowing: split.overflowing };
  }

  /** One upsert per table, then the outbox messages of the touched campaigns and charities. */
  private async writeTotals(manager: EntityManager, deltas: BatchDeltas): Promise<void> {
    await upsertTotals(manager, deltas);
    if (this.options.writeOutbox === false) return;
    await writeAggregateOutbox(
      manager,
      {
        campaignIds: [...deltas.campaigns.values()].map((delta) => delta.campaignId),
        charityIds: [...deltas.charities.values()].map((delta) => delta.charityId),
      },
      this.clock(),
    );
  }
}

interface CountedTotals {
  readonly deltas: BatchDeltas;
  /** Counted events set aside because they would take a total out of range. */
  readonly overflowing: readonly DonationEventV1[];
}

/** The ledger rows of the batch's first occurrences; returns those new to the ledger. */
async function insertFresh(
  manager: EntityManager,
  { batch, events }: BatchToApply,
): Promise<ParsedMessage<Normalized>[]> {
  const firsts = firstOccurrences(events);
  const inserted = await insertLedgerEntries(
    manager,
    firsts.map(({ message, value }) => ({
      event: value,
      topic: batch.topic,
      partition: batch.partition,
      offset: message.offset,
    })),
  );
  return firsts.filter(({ value }) => inserted.has(value.eventId));
}

function firstOccurrences(
  events: readonly ParsedMessage<Normalized>[],
): ParsedMessage<Normalized>[] {
  const seen = new Set<string>();
  return events.filter(({ value }) => !seen.has(value.eventId) && seen.add(value.eventId));
}

const ids = (events: readonly DonationEventV1[]): string[] => events.map((e) => e.eventId);
