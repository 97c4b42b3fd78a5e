import type { EntityManager } from 'typeorm';
import type { DonationCountedV1 } from '@donations/contracts';
import { activeTraceContext } from '@donations/kafka';

/**
 * Writes a batch's donations.counted.v1 messages inside the batch's transaction (after its
 * offset is locked, so one partition's writes come in offset order). Called once per batch.
 */
export type CountedWriter = (
  manager: EntityManager,
  partition: number,
  messages: readonly DonationCountedV1[],
) => Promise<void>;

/**
 * The live consumers' writer: the batch's messages as ONE counted_outbox row (one JSON document,
 * one statement), which the relay expands into Kafka messages. The row's id orders it after
 * every earlier batch of its partition: the batch took the partition's offset lock first. The
 * batch's trace context goes with the row, for the relay to put on its messages.
 */
export const writeCountedOutbox: CountedWriter = async (manager, partition, messages) => {
  const traceContext = activeTraceContext();
  await manager.query(
    'INSERT INTO counted_outbox (source_partition, messages, trace_context) VALUES ($1, $2, $3)',
    [partition, JSON.stringify(messages), traceContext && JSON.stringify(traceContext)],
  );
};

/**
 * A rebuild's writer for the batches it reads ahead of the live consumers: kept in
 * counted_staging under the generation, published by the switch for the offsets the live
 * consumers did not reach (releaseStagedCounted), dropped otherwise.
 */
export function stageCounted(generation: number): CountedWriter {
  return async (manager, partition, messages) => {
    await manager.query(
      `INSERT INTO counted_staging (generation, source_partition, messages)
       VALUES ($1, $2, $3)`,
      [generation, partition, JSON.stringify(messages)],
    );
  };
}

/**
 * At the switch, in its transaction (the live consumers held back, `liveNext` their final next
 * offsets): the generation's staged messages at or beyond the live consumers' next offset go to
 * counted_outbox, after everything the live consumers wrote, in the order the rebuild read them;
 * the live consumers of the new generation carry on from the generation's own next offsets. So
 * the stream has one decision per source offset across the switch: the old generation's below
 * the live offset, the new one's from it. Every staged row of this or an older generation is
 * deleted. Returns how many messages were released.
 */
export async function releaseStagedCounted(
  manager: EntityManager,
  generation: number,
  liveNext: ReadonlyMap<number, string>,
): Promise<number> {
  const rows: { source_partition: number; messages: string }[] = await manager.query(
    `SELECT source_partition, messages FROM counted_staging
     WHERE generation = $1 ORDER BY id`,
    [generation],
  );
  let released = 0;
  for (const row of rows) {
    const from = BigInt(liveNext.get(row.source_partition) ?? '0');
    const parsed = JSON.parse(row.messages) as DonationCountedV1[];
    const beyond = parsed.filter((message) => BigInt(message.source.offset) >= from);
    if (beyond.length === 0) continue;
    await writeCountedOutbox(manager, row.source_partition, beyond);
    released += beyond.length;
  }
  await manager.query('DELETE FROM counted_staging WHERE generation <= $1', [generation]);
  return released;
}
