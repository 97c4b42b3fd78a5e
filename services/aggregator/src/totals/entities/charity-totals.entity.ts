import { Entity, PrimaryColumn } from 'typeorm';
import { TotalsCountersColumns } from './totals-counters.columns';

/** One charity's totals in one currency, summed over its campaigns. */
@Entity({ name: 'charity_totals' })
export class CharityTotals extends TotalsCountersColumns {
  @PrimaryColumn({
    name: 'charity_id',
    type: 'char',
    length: 18,
    primaryKeyConstraintName: 'charity_totals_pkey',
  })
  charityId!: string;

  @PrimaryColumn({ type: 'char', length: 3, primaryKeyConstraintName: 'charity_totals_pkey' })
  currency!: string;
}
