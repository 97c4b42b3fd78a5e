import type { EntityManager } from 'typeorm';
import type { ConsumedBatch } from '@donations/kafka';
import { OffsetFenceError } from './offset-fence.error';

/**
 * Locks the partition's stored offset for the transaction and checks that the batch starts
 * there (or that nothing is stored yet); throws OffsetFenceError otherwise.
 */
export async function lockOffset(
  manager: EntityManager,
  groupId: string,
  batch: ConsumedBatch,
): Promise<void> {
  const rows: { next_offset: string }[] = await manager.query(
    `SELECT next_offset FROM consumer_offsets
     WHERE group_id = $1 AND topic = $2 AND partition = $3 FOR UPDATE`,
    [groupId, batch.topic, batch.partition],
  );
  const stored = rows[0]?.next_offset;
  if (stored !== undefined && stored !== batch.firstOffset) {
    throw new OffsetFenceError(batch.partition, batch.firstOffset, stored);
  }
}

/**
 * Stores the batch's next offset, only if the stored one is absent or still the batch's first
 * offset (another owner may have inserted it since lockOffset found none).
 */
export async function storeOffset(
  manager: EntityManager,
  groupId: string,
  batch: ConsumedBatch,
): Promise<void> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO consumer_offsets AS o (group_id, topic, partition, next_offset)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (group_id, topic, partition) DO UPDATE
       SET next_offset = EXCLUDED.next_offset, updated_at = now()
       WHERE o.next_offset = $5
     RETURNING next_offset`,
    [groupId, batch.topic, batch.partition, batch.nextOffset, batch.firstOffset],
  );
  if (rows.length === 0) {
    throw new OffsetFenceError(batch.partition, batch.firstOffset, 'unknown (changed meanwhile)');
  }
}
