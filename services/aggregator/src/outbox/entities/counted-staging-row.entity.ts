import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A batch a rebuild read ahead of the live consumers: its counted messages, until the switch. */
@Entity({ name: 'counted_staging' })
export class CountedStagingRow {
  @PrimaryGeneratedColumn('increment', {
    type: 'bigint',
    primaryKeyConstraintName: 'counted_staging_pkey',
  })
  id!: string;

  /** The generation being built that read the batch. */
  @Column({ type: 'integer' })
  generation!: number;

  @Column({ name: 'source_partition', type: 'integer' })
  sourcePartition!: number;

  /** A JSON array of DonationCountedV1, in source offset order. */
  @Column({ type: 'text' })
  messages!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
