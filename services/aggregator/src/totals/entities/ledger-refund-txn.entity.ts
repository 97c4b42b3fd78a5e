import { Entity, PrimaryColumn } from 'typeorm';

/** A platform transaction that has a refund in the ledger (see createLedgerRefundTxns). */
@Entity({ name: 'ledger_refund_txns' })
export class LedgerRefundTxn {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'ledger_refund_txns_pkey' })
  platform!: string;

  @PrimaryColumn({
    name: 'platform_txn_id',
    type: 'text',
    primaryKeyConstraintName: 'ledger_refund_txns_pkey',
  })
  platformTxnId!: string;
}
