import type { DataSource } from 'typeorm';
import type { TopicName } from '@donations/contracts';
import type { OffsetStore } from '@donations/kafka';
import type { GenerationScope } from '../generations/generation-scope';

/** The consumer's progress as the totals transactions stored it (consumer_offsets). */
export class PostgresOffsetStore implements OffsetStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly generation: GenerationScope,
  ) {}

  load(groupId: string, topic: TopicName, partitions: number[]): Promise<Map<number, string>> {
    return this.dataSource.transaction(async (manager) => {
      await this.generation.enter(manager);
      const rows: { partition: number; next_offset: string }[] = await manager.query(
        `SELECT partition, next_offset FROM consumer_offsets
         WHERE group_id = $1 AND topic = $2 AND partition = ANY($3::integer[])`,
        [groupId, topic, partitions],
      );
      return new Map(rows.map((row) => [row.partition, row.next_offset]));
    });
  }
}
