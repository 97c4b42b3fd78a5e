import { Column, Entity, PrimaryColumn } from 'typeorm';
import { SAFE_NUMBER } from '../../totals/entities/column.transformers';

/** The version of one aggregate topic key: one more with every message written for it. */
@Entity({ name: 'aggregate_versions' })
export class AggregateVersion {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'aggregate_versions_pkey' })
  topic!: string;

  @PrimaryColumn({
    name: 'message_key',
    type: 'text',
    primaryKeyConstraintName: 'aggregate_versions_pkey',
  })
  messageKey!: string;

  /** A safe integer by contract: the topics carry it as a JSON number. */
  @Column({ type: 'bigint', transformer: SAFE_NUMBER })
  version!: number;
}
