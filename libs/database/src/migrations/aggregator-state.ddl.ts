/**
 * The tables of one generation of the aggregator's state, created in the first schema of the
 * search_path: by the AggregatorTotals migration in the service's schema (generation 0), and by
 * `ops rebuild aggregator` in a fresh schema per rebuilt generation. The aggregate outbox, the
 * topic versions and merge_platform_counters() are not part of a generation: they stay in the
 * service's schema and carry on across generations.
 */
export async function createAggregatorStateTables(
  run: (sql: string) => Promise<unknown>,
): Promise<void> {
  await createLedger(run);
  await run(`
      CREATE TABLE campaign_totals (
        campaign_id     text        NOT NULL,
        currency        char(3)     NOT NULL,
        charity_id      char(18)    NOT NULL,
        ${COUNTER_COLUMNS},
        PRIMARY KEY (campaign_id, currency)
      )`);
  await run(`CREATE INDEX campaign_totals_charity_idx ON campaign_totals (charity_id)`);
  await run(`
      CREATE TABLE charity_totals (
        charity_id      char(18)    NOT NULL,
        currency        char(3)     NOT NULL,
        ${COUNTER_COLUMNS},
        PRIMARY KEY (charity_id, currency)
      )`);
  await run(`
      CREATE TABLE charity_campaigns (
        charity_id      char(18)    NOT NULL,
        campaign_id     text        NOT NULL,
        first_seen_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (charity_id, campaign_id)
      )`);
  await createCharityCampaignCounts(run);
  await run(`
      CREATE TABLE consumer_offsets (
        group_id        text        NOT NULL,
        topic           text        NOT NULL,
        partition       integer     NOT NULL,
        next_offset     bigint      NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, topic, partition)
      )`);
}

/**
 * How many campaigns each charity has (its roll-up's campaign count), one row per charity, kept
 * by the batch that first sees a campaign of the charity (the same statement that inserts it
 * into charity_campaigns): reading a count is one primary-key lookup, whatever the number of
 * campaigns. Filled from charity_campaigns when created on existing state.
 */
export async function createCharityCampaignCounts(
  run: (sql: string) => Promise<unknown>,
  schema?: string,
): Promise<void> {
  const prefix = schema === undefined ? '' : `"${schema}".`;
  await run(`
      CREATE TABLE ${prefix}charity_campaign_counts (
        charity_id      char(18)    NOT NULL PRIMARY KEY,
        campaign_count  bigint      NOT NULL
      )`);
  await run(`
      INSERT INTO ${prefix}charity_campaign_counts (charity_id, campaign_count)
      SELECT charity_id, count(*) FROM ${prefix}charity_campaigns GROUP BY charity_id`);
}

/** The generation's tables, in the order they can be dropped. */
export const AGGREGATOR_STATE_TABLES = [
  'consumer_offsets',
  'charity_campaign_counts',
  'ledger_refund_txns',
  'charity_campaigns',
  'charity_totals',
  'campaign_totals',
  'donation_ledger',
] as const;

const LEDGER_PARTITIONS = 8;

async function createLedger(run: (sql: string) => Promise<unknown>): Promise<void> {
  // counted: false for a refund that was dead-lettered (never counted, or taken back).
  // payload: the full event of a refund, kept so that a pending refund can be taken back.
  await run(`
      CREATE TABLE donation_ledger (
        event_id        uuid        NOT NULL,
        platform        text        NOT NULL,
        platform_txn_id text        NOT NULL,
        type            text        NOT NULL,
        refund_id       text,
        campaign_id     text        NOT NULL,
        charity_id      char(18)    NOT NULL,
        currency        char(3)     NOT NULL,
        amount_minor    bigint      NOT NULL,
        occurred_at     timestamptz NOT NULL,
        counted         boolean     NOT NULL DEFAULT true,
        rejection       text,
        payload         jsonb,
        kafka_topic     text        NOT NULL,
        kafka_partition integer     NOT NULL,
        kafka_offset    bigint      NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id)
      ) PARTITION BY HASH (event_id)`);
  for (let remainder = 0; remainder < LEDGER_PARTITIONS; remainder += 1) {
    await run(
      `CREATE TABLE donation_ledger_p${remainder} PARTITION OF donation_ledger
           FOR VALUES WITH (MODULUS ${LEDGER_PARTITIONS}, REMAINDER ${remainder})`,
    );
  }
  await run(`CREATE INDEX donation_ledger_txn_idx ON donation_ledger (platform, platform_txn_id)`);
  await createLedgerReportIndexes(run);
  await createLedgerRefundTxns(run);
}

/**
 * The ledger reports' indexes: a campaign's or a charity's rows of a period are one range of
 * (campaign_id, occurred_at) or (charity_id, occurred_at) per hash partition, whatever the size
 * of the ledger and whether it was ever analyzed. IF NOT EXISTS: the migration that adds them
 * to existing generations finds them on a fresh database.
 */
export async function createLedgerReportIndexes(
  run: (sql: string) => Promise<unknown>,
  schema?: string,
): Promise<void> {
  const table = schema === undefined ? 'donation_ledger' : `"${schema}".donation_ledger`;
  await run(
    `CREATE INDEX IF NOT EXISTS donation_ledger_campaign_time_idx ON ${table} (campaign_id, occurred_at)`,
  );
  await run(
    `CREATE INDEX IF NOT EXISTS donation_ledger_charity_time_idx ON ${table} (charity_id, occurred_at)`,
  );
}

/**
 * The platform transactions that have a refund in the ledger, unpartitioned: a batch looks up
 * the ledger rows (every hash partition of donation_ledger) only of the transactions it refunds
 * or that are here, one primary-key probe each for the others (most donations have no refund).
 * Filled from the ledger when created on existing state.
 */
export async function createLedgerRefundTxns(
  run: (sql: string) => Promise<unknown>,
  schema?: string,
): Promise<void> {
  const prefix = schema === undefined ? '' : `"${schema}".`;
  await run(`
      CREATE TABLE ${prefix}ledger_refund_txns (
        platform        text        NOT NULL,
        platform_txn_id text        NOT NULL,
        PRIMARY KEY (platform, platform_txn_id)
      )`);
  await run(`
      INSERT INTO ${prefix}ledger_refund_txns (platform, platform_txn_id)
      SELECT DISTINCT platform, platform_txn_id FROM ${prefix}donation_ledger
      WHERE type = 'donation.refunded'`);
}

const COUNTER_COLUMNS = `
        raised_minor    bigint      NOT NULL DEFAULT 0,
        refunded_minor  bigint      NOT NULL DEFAULT 0,
        donation_count  bigint      NOT NULL DEFAULT 0,
        refund_count    bigint      NOT NULL DEFAULT 0,
        by_platform     jsonb       NOT NULL DEFAULT '{}',
        first_event_at  timestamptz,
        last_event_at   timestamptz,
        version         bigint      NOT NULL DEFAULT 1,
        updated_at      timestamptz NOT NULL DEFAULT now()`;
