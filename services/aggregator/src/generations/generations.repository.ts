import { setTimeout as delay } from 'node:timers/promises';
import type { DataSource, EntityManager } from 'typeorm';
import type { TopicName } from '@donations/contracts';
import { createAggregatorStateTables } from '@donations/database';
import { writeAggregateOutbox } from '../outbox/aggregate-outbox.sql';
import { releaseStagedCounted } from '../outbox/counted-outbox.sql';
import { FixedGeneration, generationSchema, quoteSchema } from './generation-scope';

export type GenerationState = 'building' | 'active' | 'retired' | 'pruned';

export interface Generation {
  readonly generation: number;
  readonly schema: string;
  readonly state: GenerationState;
  readonly createdAt: Date;
  readonly activatedAt: Date | null;
  readonly retiredAt: Date | null;
  readonly prunedAt: Date | null;
}

/** Where the switch puts a partition the rebuild has not read yet: its earliest offset. */
export type EarliestOffsets = ReadonlyMap<number, string>;

interface GenerationDbRow {
  generation: number;
  schema_name: string;
  state: GenerationState;
  created_at: Date;
  activated_at: Date | null;
  retired_at: Date | null;
  pruned_at: Date | null;
}

const SELECT = `SELECT generation, schema_name, state, created_at, activated_at, retired_at,
                       pruned_at
                FROM aggregator_generations`;

/** The generations of the aggregator's state, their schemas, and the switch between them. */
export class GenerationsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly serviceSchema: string,
  ) {}

  async list(): Promise<Generation[]> {
    const rows: GenerationDbRow[] = await this.dataSource.query(`${SELECT} ORDER BY generation`);
    return rows.map(toGeneration);
  }

  async get(generation: number): Promise<Generation | undefined> {
    const rows: GenerationDbRow[] = await this.dataSource.query(`${SELECT} WHERE generation = $1`, [
      generation,
    ]);
    return rows.map(toGeneration)[0];
  }

  /** The generation being built, or a new one: its schema and empty tables, created at once. */
  buildingOrNew(): Promise<Generation> {
    return this.dataSource.transaction(async (manager) => {
      // One creator at a time; readers of the table are not blocked.
      await manager.query('LOCK TABLE aggregator_generations IN EXCLUSIVE MODE');
      const building: GenerationDbRow[] = await manager.query(`${SELECT} WHERE state = 'building'`);
      if (building.length > 0) return toGeneration(building[0]);
      const [{ next }]: { next: number }[] = await manager.query(
        'SELECT COALESCE(max(generation), 0) + 1 AS next FROM aggregator_generations',
      );
      const schema = generationSchema(this.serviceSchema, next);
      await manager.query(`CREATE SCHEMA ${quoteSchema(schema)}`);
      await new FixedGeneration(schema, this.serviceSchema).enter(manager);
      await createAggregatorStateTables((sql) => manager.query(sql));
      const created: GenerationDbRow[] = await manager.query(
        `INSERT INTO aggregator_generations (generation, schema_name, state)
         VALUES ($1, $2, 'building')
         RETURNING generation, schema_name, state, created_at, activated_at, retired_at,
                   pruned_at`,
        [next, schema],
      );
      return toGeneration(created[0]);
    });
  }

  /** The next offsets the generation's batches stored for the consumer group. */
  async storedOffsets(
    generation: Generation,
    groupId: string,
    topic: TopicName,
  ): Promise<Map<number, string>> {
    return offsetsIn(this.dataSource, generation.schema, groupId, topic);
  }

  /**
   * The next offset the live consumers (the active generation) stored for a partition: they
   * applied, and dead-lettered, every event below it. It only grows until the switch.
   */
  async liveNextOffset(
    groupId: string,
    topic: TopicName,
    partition: number,
  ): Promise<bigint | undefined> {
    const next = (await this.liveOffsets(groupId, topic)).get(partition);
    return next === undefined ? undefined : BigInt(next);
  }

  /** Events the generation still has to read to have read as far as the live consumers have. */
  async behindLive(generation: Generation, consumer: SwitchedConsumer): Promise<number> {
    const { groupId, topic, earliest } = consumer;
    const live = await this.liveOffsets(groupId, topic);
    const read = await offsetsIn(this.dataSource, generation.schema, groupId, topic);
    return eventsBehind(live, read, earliest);
  }

  /** The next offsets the live consumers (the active generation) stored, per partition. */
  private async liveOffsets(groupId: string, topic: TopicName): Promise<Map<number, string>> {
    const [active]: { schema_name: string }[] = await this.dataSource.query(
      'SELECT schema_name FROM aggregator_active_generation',
    );
    return offsetsIn(this.dataSource, active.schema_name, groupId, topic);
  }

  /**
   * The switch, in one transaction: waits for the batches in flight (they hold the active row
   * FOR SHARE) and holds the next ones back, then waits (at most `catchUpWithinMs`) until the
   * generation has read every partition at least as far as the active one has, so that the switch
   * never shows older totals (or a campaign not yet read) than the generation it replaces. Then
   * `stopBuilding` stops the rebuild's consumer (its batches in flight finish; the generation's
   * row, updated next, fences any other), so that nothing writes the generation without the
   * outbox once it is active and the republish below reads its final state. Then it gives every
   * partition the rebuild has not read a stored offset at its earliest, makes the
   * generation active, retires the previous one, and writes every campaign and charity of the new
   * generation to the aggregate outbox with its next version: after the switch the topics carry
   * the rebuilt state. The counted messages the rebuild staged for offsets the live consumers
   * did not reach go to the counted outbox (releaseStagedCounted): donations.counted.v1 carries
   * on without a gap or a second decision for an offset. Resolves false, having changed nothing, when the generation did not catch
   * up in time.
   */
  activate(
    generation: Generation,
    consumer: SwitchedConsumer,
    options: { at: Date; catchUpWithinMs: number; stopBuilding: () => Promise<void> },
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [active]: { schema_name: string }[] = await manager.query(
        'SELECT schema_name FROM aggregator_active_generation FOR UPDATE',
      );
      const { groupId, topic, earliest } = consumer;
      // Held back, the live consumers' offsets no longer move: read them once.
      const live = await offsetsIn(manager, active.schema_name, groupId, topic);
      const deadline = Date.now() + options.catchUpWithinMs;
      while (
        eventsBehind(live, await offsetsIn(manager, generation.schema, groupId, topic), earliest) >
        0
      ) {
        if (Date.now() >= deadline) return false;
        await delay(CATCH_UP_POLL_MS);
      }
      await options.stopBuilding();
      const updated: unknown[] = await manager.query(
        `UPDATE aggregator_generations SET state = 'active', activated_at = now()
         WHERE generation = $1 AND state = 'building' RETURNING generation`,
        [generation.generation],
      );
      if (updated.length === 0) {
        throw new Error(`generation ${generation.generation} is not being built`);
      }
      await manager.query(
        `UPDATE aggregator_generations SET state = 'retired', retired_at = now()
         WHERE state = 'active' AND generation <> $1`,
        [generation.generation],
      );
      await manager.query(
        'UPDATE aggregator_active_generation SET generation = $1, schema_name = $2',
        [generation.generation, generation.schema],
      );
      await new FixedGeneration(generation.schema, this.serviceSchema).enter(manager);
      await storeMissingOffsets(manager, consumer);
      await releaseStagedCounted(manager, generation.generation, live);
      await republish(manager, options.at);
      return true;
    });
  }
}

/** The live consumers' group and topic, and where the switch puts a partition not read yet. */
export interface SwitchedConsumer {
  readonly groupId: string;
  readonly topic: TopicName;
  readonly earliest: EarliestOffsets;
}

/** How often the switch looks again whether the rebuild has read as far as the live consumers. */
const CATCH_UP_POLL_MS = 20;

/**
 * Events a generation still has to read to have read every partition as far as `live` has (a
 * partition it has not read counts from its earliest offset, as the switch will store it).
 */
function eventsBehind(
  live: ReadonlyMap<number, string>,
  read: ReadonlyMap<number, string>,
  earliest: EarliestOffsets,
): number {
  let behind = 0n;
  for (const [partition, next] of live) {
    const at = BigInt(read.get(partition) ?? earliest.get(partition) ?? '0');
    if (BigInt(next) > at) behind += BigInt(next) - at;
  }
  return Number(behind);
}

async function offsetsIn(
  queryable: Pick<EntityManager, 'query'>,
  schema: string,
  groupId: string,
  topic: TopicName,
): Promise<Map<number, string>> {
  const rows: { partition: number; next_offset: string }[] = await queryable.query(
    `SELECT partition, next_offset::text FROM ${quoteSchema(schema)}.consumer_offsets
     WHERE group_id = $1 AND topic = $2`,
    [groupId, topic],
  );
  return new Map(rows.map((row) => [row.partition, row.next_offset]));
}

async function storeMissingOffsets(
  manager: EntityManager,
  consumer: SwitchedConsumer,
): Promise<void> {
  const partitions = [...consumer.earliest.keys()];
  await manager.query(
    `INSERT INTO consumer_offsets (group_id, topic, partition, next_offset)
     SELECT $1, $2, p, o FROM unnest($3::integer[], $4::bigint[]) AS t (p, o)
     ON CONFLICT (group_id, topic, partition) DO NOTHING`,
    [consumer.groupId, consumer.topic, partitions, partitions.map((p) => consumer.earliest.get(p))],
  );
}

async function republish(manager: EntityManager, at: Date): Promise<void> {
  const campaigns: { id: string }[] = await manager.query(
    'SELECT DISTINCT campaign_id AS id FROM campaign_totals',
  );
  const charities: { id: string }[] = await manager.query(
    'SELECT DISTINCT charity_id::text AS id FROM charity_totals',
  );
  await writeAggregateOutbox(
    manager,
    { campaignIds: campaigns.map((row) => row.id), charityIds: charities.map((row) => row.id) },
    at,
  );
}

function toGeneration(row: GenerationDbRow): Generation {
  return {
    generation: row.generation,
    schema: row.schema_name,
    state: row.state,
    createdAt: row.created_at,
    activatedAt: row.activated_at,
    retiredAt: row.retired_at,
    prunedAt: row.pruned_at,
  };
}
