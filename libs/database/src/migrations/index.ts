import { AggregateOutbox1764288000000 } from './1764288000000-aggregate-outbox';
import { AggregatorGenerations1764374400000 } from './1764374400000-aggregator-generations';
import { AggregatorGenerationsPruned1764637200000 } from './1764637200000-aggregator-generations-pruned';
import { OutboxStorage1764727200000 } from './1764727200000-outbox-storage';
import { AggregatorTotals1764201600000 } from './1764201600000-aggregator-totals';
import { CharityCampaignCounts1764464400000 } from './1764464400000-charity-campaign-counts';
import { CampaignRegistry1764028800000 } from './1764028800000-campaign-registry';
import { LedgerReportIndexes1764723600000 } from './1764723600000-ledger-report-indexes';
import { CountedOutbox1764547200000 } from './1764547200000-counted-outbox';
import { DisclosureRecords1764720000000 } from './1764720000000-disclosure-records';
import { CountedOutboxTraceContext1764734400000 } from './1764734400000-counted-outbox-trace-context';
import { OperatorRecords1764550800000 } from './1764550800000-operator-records';
import { RegistryCharities1764633600000 } from './1764633600000-registry-charities';
import { RefundState1764460800000 } from './1764460800000-refund-state';
import { WebhookReceipts1764115200000 } from './1764115200000-webhook-receipts';

/** Every migration, in order. A new migration is added here as well as in this folder. */
export const MIGRATIONS = [
  CampaignRegistry1764028800000,
  WebhookReceipts1764115200000,
  AggregatorTotals1764201600000,
  AggregateOutbox1764288000000,
  AggregatorGenerations1764374400000,
  RefundState1764460800000,
  CharityCampaignCounts1764464400000,
  CountedOutbox1764547200000,
  OperatorRecords1764550800000,
  RegistryCharities1764633600000,
  AggregatorGenerationsPruned1764637200000,
  DisclosureRecords1764720000000,
  LedgerReportIndexes1764723600000,
  OutboxStorage1764727200000,
  CountedOutboxTraceContext1764734400000,
];

export {
  AGGREGATOR_STATE_TABLES,
  createAggregatorStateTables,
  createCharityCampaignCounts,
  createLedgerRefundTxns,
} from './aggregator-state.ddl';
