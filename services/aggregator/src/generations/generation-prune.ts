import type { DataSource, EntityManager } from 'typeorm';
import { AGGREGATOR_STATE_TABLES } from '@donations/database';
import { quoteSchema } from './generation-scope';

/** What pruning a retired generation removed (or, in a dry run, would remove). */
export interface PruneOutcome {
  readonly generation: number;
  readonly dryRun: boolean;
  /** Its ledger rows (one per event it had counted or refused). */
  readonly ledgerRows: number;
  /** Its tables' size on disk, indexes and TOAST included. */
  readonly bytes: number;
}

/** Why a generation cannot be pruned: it is not retired (active or building), or is gone. */
export class GenerationNotPrunableError extends Error {
  constructor(
    readonly generation: number,
    readonly state: string | undefined,
  ) {
    super(
      state === undefined
        ? `no generation ${generation}`
        : `generation ${generation} is ${state}: only a retired generation can be pruned`,
    );
  }
}

/**
 * Removes a retired generation's tables in one transaction that holds its row FOR UPDATE: a
 * rebuilt generation's schema is dropped; generation 0's tables, which share the service's schema
 * with the registry and the outboxes, are emptied instead. The row stays, state 'pruned'.
 */
export async function pruneGeneration(
  dataSource: DataSource,
  generation: number,
  dryRun: boolean,
): Promise<PruneOutcome> {
  return dataSource.transaction(async (manager) => {
    const rows: { state: string; schema_name: string }[] = await manager.query(
      'SELECT state, schema_name FROM aggregator_generations WHERE generation = $1 FOR UPDATE',
      [generation],
    );
    const state = rows[0]?.state;
    if (state !== 'retired' && state !== 'pruned') {
      throw new GenerationNotPrunableError(generation, state);
    }
    if (state === 'pruned') return { generation, dryRun, ledgerRows: 0, bytes: 0 };
    const schema = quoteSchema(rows[0].schema_name);
    const measured = await measure(manager, schema);
    if (dryRun) return { generation, dryRun, ...measured };
    if (generation === 0) {
      const tables = AGGREGATOR_STATE_TABLES.map((table) => `${schema}.${table}`).join(', ');
      await manager.query(`TRUNCATE ${tables}`);
    } else {
      await manager.query(`DROP SCHEMA ${schema} CASCADE`);
    }
    await manager.query(
      `UPDATE aggregator_generations SET state = 'pruned', pruned_at = now() WHERE generation = $1`,
      [generation],
    );
    return { generation, dryRun, ...measured };
  });
}

async function measure(
  manager: EntityManager,
  schema: string,
): Promise<{ ledgerRows: number; bytes: number }> {
  const [{ rows }]: { rows: string }[] = await manager.query(
    `SELECT count(*)::text AS rows FROM ${schema}.donation_ledger`,
  );
  let bytes = 0;
  for (const table of AGGREGATOR_STATE_TABLES) {
    // pg_partition_tree: the ledger's hash partitions too (a plain table is its own tree).
    const [{ size }]: { size: string | null }[] = await manager.query(
      `SELECT sum(pg_total_relation_size(relid))::text AS size FROM pg_partition_tree($1::regclass)`,
      [`${schema}.${table}`],
    );
    bytes += Number(size ?? 0);
  }
  return { ledgerRows: Number(rows), bytes };
}
