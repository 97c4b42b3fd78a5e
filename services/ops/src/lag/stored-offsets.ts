import { createClient } from 'redis';
import type { DataSource } from 'typeorm';
import type { RedisConnectionOptions } from '@donations/config';

/** Where a group's applied offsets live: with the aggregator's totals, or the statistics' state. */
export type OffsetStoreKind = 'postgresql' | 'redis';

/** One group's applied offsets on one topic (contract name), as its service stored them. */
export interface StoredOffsets {
  group: string;
  store: OffsetStoreKind;
  topic: string;
  /** partition -> the next offset to apply. */
  applied: Map<number, string>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The aggregator's offsets: consumer_offsets of the active generation (the schema named in
 * aggregator_active_generation), written in the transaction of each batch's totals.
 */
export async function postgresOffsets(dataSource: DataSource): Promise<StoredOffsets[]> {
  const active: { schema_name: string }[] = await dataSource.query(
    'SELECT schema_name FROM aggregator_active_generation',
  );
  const schema = active[0]?.schema_name;
  if (schema === undefined || !SCHEMA_NAME.test(schema)) return [];
  const rows: { group_id: string; topic: string; partition: number; next_offset: string }[] =
    await dataSource.query(
      `SELECT group_id, topic, partition, next_offset FROM "${schema}".consumer_offsets
       ORDER BY group_id, topic, partition`,
    );
  return groupRows(
    'postgresql',
    rows.map((row) => ({ ...row, next_offset: String(row.next_offset) })),
  );
}

/**
 * The statistics' offsets: the offsets hashes of their active generation (partition -> next
 * offset, written by each batch's script with the figures): `stats:offsets:<group>:<topic>` for
 * generation 0, `stats:g<N>:offsets:...` for generation N, the active one named in the
 * `stats:generations` hash (field `active`, missing: 0), all under REDIS_KEY_PREFIX.
 */
export async function redisOffsets(
  connection: RedisConnectionOptions,
  keyPrefix: string,
): Promise<StoredOffsets[]> {
  const redis = createClient({ ...connection, disableOfflineQueue: true });
  redis.on('error', () => undefined);
  await redis.connect();
  try {
    const active = await redis.hGet(`${keyPrefix}stats:generations`, 'active');
    const head = `${keyPrefix}${generationPrefix(Number(active ?? 0))}offsets:`;
    const found: StoredOffsets[] = [];
    for await (const keys of redis.scanIterator({ MATCH: `${escapeGlob(head)}*`, COUNT: 500 })) {
      for (const key of keys) {
        const [group, topic] = splitOffsetsKey(key.slice(head.length));
        const hash = await redis.hGetAll(key);
        const applied = new Map(
          Object.entries(hash).map(([partition, offset]) => [Number(partition), String(offset)]),
        );
        found.push({ group, store: 'redis', topic, applied });
      }
    }
    return found.sort((a, b) => a.group.localeCompare(b.group) || a.topic.localeCompare(b.topic));
  } finally {
    redis.destroy();
  }
}

/** Where a statistics generation's keys start: `stats:` for 0, `stats:g<N>:` for N. */
export const generationPrefix = (generation: number): string =>
  generation === 0 ? 'stats:' : `stats:g${generation}:`;

/** `<group>:<topic>`: topic names hold no colon, so the group is everything before the last. */
export function splitOffsetsKey(rest: string): [group: string, topic: string] {
  const at = rest.lastIndexOf(':');
  return [rest.slice(0, at), rest.slice(at + 1)];
}

const escapeGlob = (text: string) => text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

function groupRows(
  store: OffsetStoreKind,
  rows: { group_id: string; topic: string; partition: number; next_offset: string }[],
): StoredOffsets[] {
  const byKey = new Map<string, StoredOffsets>();
  for (const row of rows) {
    const key = `${row.group_id}\u0000${row.topic}`;
    const entry = byKey.get(key) ?? {
      group: row.group_id,
      store,
      topic: row.topic,
      applied: new Map<number, string>(),
    };
    entry.applied.set(row.partition, row.next_offset);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}
