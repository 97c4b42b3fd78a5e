import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The aggregator's progress per partition, written in the transaction of the batch it applied. */
@Entity({ name: 'consumer_offsets' })
export class ConsumerOffset {
  @PrimaryColumn({
    name: 'group_id',
    type: 'text',
    primaryKeyConstraintName: 'consumer_offsets_pkey',
  })
  groupId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'consumer_offsets_pkey' })
  topic!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'consumer_offsets_pkey' })
  partition!: number;

  /** The next offset to consume, a decimal string as kafkajs reports offsets. */
  @Column({ name: 'next_offset', type: 'bigint' })
  nextOffset!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
