import { AggregateOutboxMessage } from '../../outbox/entities/aggregate-outbox-message.entity';
import { AggregateVersion } from '../../outbox/entities/aggregate-version.entity';
import { CountedOutboxRow } from '../../outbox/entities/counted-outbox-row.entity';
import { CountedStagingRow } from '../../outbox/entities/counted-staging-row.entity';
import { CampaignTotals } from './campaign-totals.entity';
import { CharityCampaign } from './charity-campaign.entity';
import { CharityCampaignCount } from './charity-campaign-count.entity';
import { CharityTotals } from './charity-totals.entity';
import { ConsumerOffset } from './consumer-offset.entity';
import { DonationLedgerEntry } from './donation-ledger-entry.entity';
import { LedgerRefundTxn } from './ledger-refund-txn.entity';

/**
 * The aggregator's tables as TypeORM entities, column for column as the migrations create them
 * (entities.int-spec.ts proves it). They document the schema and serve simple reads; the batch
 * path keeps its set-based SQL.
 */
export const AGGREGATOR_ENTITIES = [
  DonationLedgerEntry,
  CampaignTotals,
  CharityTotals,
  CharityCampaign,
  CharityCampaignCount,
  ConsumerOffset,
  LedgerRefundTxn,
  AggregateOutboxMessage,
  AggregateVersion,
  CountedOutboxRow,
  CountedStagingRow,
];
