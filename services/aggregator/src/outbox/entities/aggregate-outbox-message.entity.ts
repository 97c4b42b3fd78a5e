import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A message of an aggregate topic written with the totals it describes, until it is relayed. */
@Entity({ name: 'aggregate_outbox' })
export class AggregateOutboxMessage {
  /** bigserial: the relay publishes in this order; a decimal string as pg returns int8. */
  @PrimaryGeneratedColumn('increment', {
    type: 'bigint',
    primaryKeyConstraintName: 'aggregate_outbox_pkey',
  })
  id!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ name: 'message_key', type: 'text' })
  messageKey!: string;

  /** json, not jsonb: written once, relayed once, never queried inside (OutboxStorage migration). */
  @Column({ type: 'json' })
  value!: unknown;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
