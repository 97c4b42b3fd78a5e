import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One applied batch's donations.counted.v1 messages (a JSON array), until they are relayed. */
@Entity({ name: 'counted_outbox' })
export class CountedOutboxRow {
  /** bigserial: the relay publishes in this order; a decimal string as pg returns int8. */
  @PrimaryGeneratedColumn('increment', {
    type: 'bigint',
    primaryKeyConstraintName: 'counted_outbox_pkey',
  })
  id!: string;

  /** The donations.normalized.v1 partition the batch was read from (= the messages'). */
  @Column({ name: 'source_partition', type: 'integer' })
  sourcePartition!: number;

  /** A JSON array of DonationCountedV1, in source offset order. */
  @Column({ type: 'text' })
  messages!: string;

  /** The writing batch's trace context (W3C headers as JSON); NULL while tracing is off. */
  @Column({ name: 'trace_context', type: 'text', nullable: true })
  traceContext!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
