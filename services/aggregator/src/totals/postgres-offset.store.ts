import type { DataSource } from 'typeorm';
import type { TopicName } from '@donations/contracts';
import type { OffsetStore } from '@donations/kafka';

/** The consumer's progress as the totals transactions stored it (consumer_offsets). */
export class PostgresOffsetStore implements OffsetStore {
  constructor(private readonly dataSource: DataSource) {}

  async load(
    groupId: string,
    topic: TopicName,
    partitions: number[],
  ): Promise<Map<number, string>> {
    const rows: { partition: number; next_offset: string }[] = await this.dataSource.query(
      `SELECT partition, next_offset FROM consumer_offsets
       WHERE group_id = $1 AND topic = $2 AND partition = ANY($3::integer[])`,
      [groupId, topic, partitions],
    );
    return new Map(rows.map((row) => [row.partition, row.next_offset]));
  }
}
